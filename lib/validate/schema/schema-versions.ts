import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { UserError } from '../../user-error';
import type { SelectedReleases } from './builtin-schemas';
import { GivenVersion, SchemaProject, SchemaVersions, selectRelease, UPSTREAM_PROJECTS } from './upstream-versions';

/** The class name cdk8s.yaml names kfops' validation plugin by. */
const PLUGIN_CLASS = 'KfopsValidation';

/** Versions given by the caller (flags, plugin properties), each optional, and what to call their source. */
export interface GivenSchemaVersions {
  readonly versions: Partial<Record<keyof SchemaVersions, unknown>>;
  /** how errors name where a version came from: `flag` (`--argo-version`) or `setting` (`cdk8s.yaml: argoVersion`) */
  readonly source: 'flag' | 'setting';
}

/**
 * The release of each project to validate against: the one given (flag or plugin property) if any, else the
 * project's setting (the `properties` of the KfopsValidation entry under `validations:` in `<cwd>/cdk8s.yaml`,
 * which `npx cdk8s synth` passes to the plugin too), else the default.
 *
 * @throws UserError (exit code 2) naming the flag or setting for a version kfops has no schemas for
 */
export function selectReleases(cwd: string, given?: GivenSchemaVersions): SelectedReleases {
  const project = projectSettings(cwd);
  const out = {} as Record<SchemaProject, ReturnType<typeof selectRelease>>;
  for (const name of Object.values(SchemaProject)) {
    const { setting, flag, defaultVersion } = UPSTREAM_PROJECTS[name];
    const explicit = given?.versions[setting];
    const choice: GivenVersion =
      explicit !== undefined
        ? { value: explicit, source: given!.source === 'flag' ? flag : `cdk8s.yaml: ${setting}` }
        : project[setting] !== undefined
          ? { value: project[setting], source: `cdk8s.yaml: ${setting}` }
          : { value: defaultVersion, source: 'default' };
    out[name] = selectRelease(name, choice);
  }
  return out;
}

/** The schema version settings of the project's cdk8s.yaml; none when it has no such file or plugin entry. */
function projectSettings(cwd: string): Partial<Record<keyof SchemaVersions, unknown>> {
  const file = path.join(cwd, 'cdk8s.yaml');
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return {};
  }
  // Only version settings are read here; the rest of cdk8s.yaml is synth's (and reported there when broken).
  let config: unknown;
  try {
    config = parse(text);
  } catch {
    throw new UserError(`${file}: not valid YAML, so its validation settings cannot be read`, 2);
  }
  const validations = (config as { validations?: unknown } | null)?.validations;
  if (!Array.isArray(validations)) return {};
  const entry = validations.find((v: { class?: unknown }) => v?.class === PLUGIN_CLASS) as { properties?: unknown } | undefined;
  const properties = entry?.properties;
  if (properties === null || typeof properties !== 'object') return {};
  const out: Partial<Record<keyof SchemaVersions, unknown>> = {};
  for (const { setting } of Object.values(UPSTREAM_PROJECTS)) {
    const value = (properties as Record<string, unknown>)[setting];
    if (value !== undefined) out[setting] = typeof value === 'number' ? String(value) : value;
  }
  return out;
}
