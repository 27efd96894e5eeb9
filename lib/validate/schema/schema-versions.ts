import { readValidationSettings } from '../../layout/cdk8s-config';
import type { SelectedReleases } from './builtin-schemas';
import { GivenVersion, SchemaProject, SchemaVersions, selectRelease, UPSTREAM_PROJECTS } from './upstream-versions';

/** Versions given by the caller (flags, plugin properties), each optional, and what to call their source. */
export interface GivenSchemaVersions {
  readonly versions: Partial<Record<keyof SchemaVersions, unknown>>;
  /** how errors name where a version came from: `flag` (`--argo-version`) or `setting` (`cdk8s.yaml: argoVersion`) */
  readonly source: 'flag' | 'setting';
}

/** The release of each project to validate against, and which of them the caller or the project chose. */
export interface ReleaseSelection {
  readonly releases: SelectedReleases;
  /** projects whose release a flag, a plugin property or cdk8s.yaml named (the others have the default) */
  readonly chosen: ReadonlySet<SchemaProject>;
}

/**
 * The release of each project to validate against: the one given (flag or plugin property) if any, else the
 * project's setting (the `properties` of the KfopsValidation entry under `validations:` in `<cwd>/cdk8s.yaml`,
 * which `npx cdk8s synth` passes to the plugin too), else the default.
 *
 * @throws UserError (exit code 2) naming the flag or setting for a version kfops has no schemas for
 */
export function selectReleases(cwd: string, given?: GivenSchemaVersions): ReleaseSelection {
  const project = projectSettings(cwd);
  const releases = {} as Record<SchemaProject, ReturnType<typeof selectRelease>>;
  const chosen = new Set<SchemaProject>();
  for (const name of Object.values(SchemaProject)) {
    const { setting, flag, defaultVersion } = UPSTREAM_PROJECTS[name];
    const explicit = given?.versions[setting];
    const choice: GivenVersion =
      explicit !== undefined
        ? { value: explicit, source: given!.source === 'flag' ? flag : `cdk8s.yaml: ${setting}` }
        : project[setting] !== undefined
          ? { value: project[setting], source: `cdk8s.yaml: ${setting}` }
          : { value: defaultVersion, source: 'default' };
    releases[name] = selectRelease(name, choice);
    if (choice.source !== 'default') chosen.add(name);
  }
  return { releases, chosen };
}

/** The schema version settings of the project's cdk8s.yaml; none when it has no such file or plugin entry. */
function projectSettings(cwd: string): Partial<Record<keyof SchemaVersions, unknown>> {
  const properties = readValidationSettings(cwd);
  const out: Partial<Record<keyof SchemaVersions, unknown>> = {};
  for (const { setting } of Object.values(UPSTREAM_PROJECTS)) {
    const value = properties[setting];
    if (value !== undefined) out[setting] = typeof value === 'number' ? String(value) : value;
  }
  return out;
}
