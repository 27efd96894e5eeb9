import { isPipelineObject, pipelineName, pipelineParameters } from './argo-pipeline';
import { append } from '../append';
import { FieldChange } from './field-diff';
import { ObjectRef } from './manifest-object';
import { isSecretNamedValue, MASKED } from './masking';

/** A pipeline parameter default that differs: `train-steps: 10000 -> 12345 (prod)`. */
export interface ParameterChange {
  readonly pipeline: string;
  readonly env: string;
  readonly parameter: string;
  /** Base value; absent when the parameter is new or had no value. */
  readonly before?: string;
  /** Head value; absent when the parameter was removed or has no value. */
  readonly after?: string;
  /** `added`/`removed`: the parameter itself is new or gone; `changed`: its value changed. */
  readonly op: 'added' | 'removed' | 'changed';
  /** The head value holds `{{`: an Argo expression (a params value tagged `!argo`), evaluated at run time. */
  readonly argoExpression?: boolean;
}

/** A field of an object a reviewer looks at first (an image, replicas, resources), as it changed. */
export interface HighlightedChange {
  readonly ref: ObjectRef;
  readonly path: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

/** What a reviewer should see before the field diff. */
export interface ReviewSummary {
  /** Objects only in head. */
  readonly added: number;
  /** Objects only in base. */
  readonly removed: number;
  /** Objects in both whose content differs. */
  readonly changed: number;
  /** Pipeline parameter changes, per pipeline and environment. */
  readonly parameters: readonly ParameterChange[];
  /** Container images that changed, appeared or went away. */
  readonly images: readonly HighlightedChange[];
  /** `replicas`, `parallelism` and `resources` changes. */
  readonly scaling: readonly HighlightedChange[];
  /** Files a `kustomization.yaml` lists (`resources`, `components`, patches) that were added or dropped, and its other changes. */
  readonly kustomizations: readonly HighlightedChange[];
}

type Obj = Record<string, unknown>;

/**
 * The parameter changes between two versions of one pipeline object (a WorkflowTemplate, CronWorkflow, ...).
 * Secret values (see `maskSecrets`) are masked.
 */
export function parameterChanges(ref: ObjectRef, base: Obj, head: Obj): ParameterChange[] {
  if (!isPipelineObject(head) || !isPipelineObject(base)) return [];
  const before = pipelineParameters(base);
  const after = pipelineParameters(head);
  const pipeline = pipelineName(head);
  const out: ParameterChange[] = [];
  const mask = (name: string, v: string | undefined) => (v !== undefined && isSecretNamedValue(name, v) ? MASKED : v);
  const expression = (v: string | undefined) => (v?.includes('{{') ? { argoExpression: true } : {});
  for (const [name, value] of after) {
    if (!before.has(name)) out.push({ pipeline, env: ref.env, parameter: name, op: 'added', after: mask(name, value), ...expression(value) });
    else if (before.get(name) !== value) {
      out.push({ pipeline, env: ref.env, parameter: name, op: 'changed', before: mask(name, before.get(name)), after: mask(name, value), ...expression(value) });
    }
  }
  for (const [name, value] of before) {
    if (!after.has(name)) out.push({ pipeline, env: ref.env, parameter: name, op: 'removed', before: mask(name, value) });
  }
  return out;
}

/** The image changes among an object's field changes, including images of containers added or removed. */
export function imageChanges(ref: ObjectRef, changes: readonly FieldChange[]): HighlightedChange[] {
  const out: HighlightedChange[] = [];
  for (const c of changes) {
    if (c.segments[c.segments.length - 1] === 'image') {
      out.push({ ref, path: c.path, before: c.before, after: c.after });
    } else if (c.op !== 'changed') {
      const value = (c.op === 'added' ? c.after : c.before) as Obj | undefined;
      if (value && typeof value === 'object' && typeof value.image === 'string') {
        out.push({ ref, path: `${c.path}.image`, [c.op === 'added' ? 'after' : 'before']: value.image });
      }
    }
  }
  return out;
}

const SCALING_FIELDS = new Set(['replicas', 'parallelism']);

/**
 * The `replicas`, `parallelism` and `resources` changes among an object's field changes. A kustomization's
 * `resources` is a list of files, not compute resources: see {@link kustomizationChanges}.
 */
export function scalingChanges(ref: ObjectRef, changes: readonly FieldChange[]): HighlightedChange[] {
  if (isKustomization(ref)) return [];
  return changes
    .filter((c) => SCALING_FIELDS.has(c.segments[c.segments.length - 1] as string) || c.segments.includes('resources'))
    .map((c) => ({ ref, path: c.path, before: c.before, after: c.after }));
}

/**
 * A kustomization's changes, as files: each file added to or dropped from a list (`resources: + service-x.yaml`),
 * other fields as they changed.
 *
 * @see https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/
 */
export function kustomizationChanges(ref: ObjectRef, changes: readonly FieldChange[]): HighlightedChange[] {
  if (!isKustomization(ref)) return [];
  const out: HighlightedChange[] = [];
  for (const c of changes) {
    const before = Array.isArray(c.before) ? c.before.map(String) : undefined;
    const after = Array.isArray(c.after) ? c.after.map(String) : undefined;
    if (c.op === 'changed' && before && after) {
      for (const file of before) if (!after.includes(file)) out.push({ ref, path: c.path, before: file });
      for (const file of after) if (!before.includes(file)) out.push({ ref, path: c.path, after: file });
    } else if (c.op === 'added' && after) {
      append(out, after.map((file) => ({ ref, path: c.path, after: file })));
    } else if (c.op === 'removed' && before) {
      append(out, before.map((file) => ({ ref, path: c.path, before: file })));
    } else {
      out.push({ ref, path: c.path, before: c.before, after: c.after });
    }
  }
  return out;
}

function isKustomization(ref: ObjectRef): boolean {
  return ref.kind === 'Kustomization' && ref.apiVersion.startsWith('kustomize.config.k8s.io/');
}
