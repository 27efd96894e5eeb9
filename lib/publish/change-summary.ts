import { append } from '../append';
import { ManifestObject, ObjectRef as DiffObjectRef, parseManifestFile } from '../diff/manifest-object';
import type { ParameterChange } from '../diff/review-summary';
import { diffManifests } from '../diff/semantic-diff';
import { isKustomizationFile } from '../layout';
import { isUserError } from '../user-error';
import { displayText } from './display-text';
import { FileChange } from './mirror';

/** A pipeline parameter value that differs between the deploy repo and the new output (`train-steps: 1 -> 2`). */
export type { ParameterChange };

/** A Kubernetes object, named the way `kubectl` names it. */
export interface ObjectRef {
  /** `kind` of the object (`WorkflowTemplate`). */
  readonly kind: string;
  /** `metadata.name`, or `metadata.generateName` for objects such as hook Workflows that have no fixed name. */
  readonly name: string;
  /** `metadata.namespace`. @default - none set */
  readonly namespace?: string;
}

/**
 * A changed file that holds no Kubernetes object (`kustomization.yaml`, a README, a YAML file that does not parse),
 * or one too large to read for them.
 */
export interface OtherFileChange {
  /** Path inside the environment folder. */
  readonly path: string;
  readonly change: 'added' | 'changed' | 'removed';
  /** True when the file was too large to read for objects (see {@link FileChange.tooLarge}). @default false */
  readonly tooLarge?: boolean;
}

/** What a publish changes in one environment folder. */
export interface EnvironmentChanges {
  readonly env: string;
  /** Number of files added, changed or removed. */
  readonly files: number;
  readonly added: ObjectRef[];
  readonly changed: ObjectRef[];
  readonly removed: ObjectRef[];
  readonly otherFiles: OtherFileChange[];
  readonly parameters: ParameterChange[];
}

/** What a publish changes, per environment; environments without changes are left out. */
export interface ChangeSummary {
  readonly environments: EnvironmentChanges[];
}

/**
 * Turns the file changes of a mirror into object changes with kfops' semantic diff: objects are matched by
 * apiVersion, kind, namespace and name across all changed files of an environment, so an object moved to another
 * file with the same content is no object change. Parameter changes are reported per pipeline.
 */
export function summarizeChanges(changes: readonly FileChange[]): ChangeSummary {
  const envs = [...new Set(changes.map((c) => c.env))].sort();
  return { environments: envs.map((env) => summarizeEnvironment(env, changes.filter((c) => c.env === env))) };
}

/** True when the summary holds no change at all. */
export function isEmptySummary(summary: ChangeSummary): boolean {
  return summary.environments.length === 0;
}

/** `Kind/name`, the way objects are named in commit messages and logs; odd names are quoted by {@link displayText}. */
export function formatObjectRef(ref: ObjectRef): string {
  return `${displayText(ref.kind)}/${displayText(ref.name)}`;
}

function summarizeEnvironment(env: string, changes: readonly FileChange[]): EnvironmentChanges {
  const before: ManifestObject[] = [];
  const after: ManifestObject[] = [];
  const otherFiles: OtherFileChange[] = [];
  for (const change of changes) {
    const old = parseObjects(env, change.path, change.before);
    const next = parseObjects(env, change.path, change.after);
    if (old.length === 0 && next.length === 0) {
      otherFiles.push({ path: change.path, change: change.change, ...(change.tooLarge ? { tooLarge: true } : {}) });
    }
    append(before, old);
    append(after, next);
  }
  // The same semantic diff reviewers see: objects matched by identity across files, parameters per pipeline.
  const diff = diffManifests(before, after);
  const refs = (op: 'added' | 'changed' | 'removed') => diff.objects.filter((o) => o.op === op).map((o) => toObjectRef(o.ref));
  return {
    env,
    files: changes.length,
    added: refs('added'),
    changed: refs('changed'),
    removed: refs('removed'),
    otherFiles,
    parameters: [...diff.summary.parameters],
  };
}

/**
 * The Kubernetes objects of a YAML text; none when it is missing, is a kustomization, does not parse, or holds
 * something other than objects. Such files are still published; they are reported as files, not guessed at.
 */
function parseObjects(env: string, file: string, text: string | undefined): ManifestObject[] {
  if (text === undefined || isKustomizationFile(file)) return [];
  try {
    return parseManifestFile(`${env}/${file}`, text);
  } catch (err) {
    if (isUserError(err)) return [];
    throw err;
  }
}

function toObjectRef(ref: DiffObjectRef): ObjectRef {
  return { kind: ref.kind, name: ref.name, ...(ref.namespace ? { namespace: ref.namespace } : {}) };
}
