import { isDeepStrictEqual } from 'util';
import { parseAllDocuments } from 'yaml';
import { FileChange } from './mirror';

/** A Kubernetes object, named the way `kubectl` names it. */
export interface ObjectRef {
  /** `kind` of the object (`WorkflowTemplate`). */
  readonly kind: string;
  /** `metadata.name`, or `metadata.generateName` for objects such as hook Workflows that have no fixed name. */
  readonly name: string;
  /** `metadata.namespace`. @default - none set */
  readonly namespace?: string;
}

/** A value of `spec.arguments.parameters` that differs between the deploy repo and the new output. */
export interface ParameterChange {
  /** The Workflow, WorkflowTemplate or CronWorkflow that declares the parameter. */
  readonly object: ObjectRef;
  /** Parameter name (`train-steps`). */
  readonly parameter: string;
  /** Value in the deploy repo. @default - the parameter is new */
  readonly before?: string;
  /** Value in the new output. @default - the parameter was removed */
  readonly after?: string;
}

/** A changed file that holds no Kubernetes object (`kustomization.yaml`, a README, a YAML file that does not parse). */
export interface OtherFileChange {
  /** Path inside the environment folder. */
  readonly path: string;
  readonly change: 'added' | 'changed' | 'removed';
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
 * Turns the file changes of a mirror into object changes: objects are matched by kind, namespace and name
 * across all changed files of an environment, so an object moved to another file with the same content is no
 * object change. Parameter changes are reported for changed Workflows, WorkflowTemplates and CronWorkflows.
 */
export function summarizeChanges(changes: readonly FileChange[]): ChangeSummary {
  const envs = [...new Set(changes.map((c) => c.env))].sort();
  return { environments: envs.map((env) => summarizeEnvironment(env, changes.filter((c) => c.env === env))) };
}

/** True when the summary holds no change at all. */
export function isEmptySummary(summary: ChangeSummary): boolean {
  return summary.environments.length === 0;
}

/** `Kind/name`, the way objects are named in commit messages and logs. */
export function formatObjectRef(ref: ObjectRef): string {
  return `${ref.kind}/${ref.name}`;
}

interface ParsedObject {
  readonly ref: ObjectRef;
  readonly body: unknown;
}

function summarizeEnvironment(env: string, changes: readonly FileChange[]): EnvironmentChanges {
  const before = new Map<string, ParsedObject>();
  const after = new Map<string, ParsedObject>();
  const otherFiles: OtherFileChange[] = [];
  for (const change of changes) {
    const old = parseObjects(change.before);
    const next = parseObjects(change.after);
    if (old.length === 0 && next.length === 0) {
      const kind = change.before === undefined ? 'added' : change.after === undefined ? 'removed' : 'changed';
      otherFiles.push({ path: change.path, change: kind });
    }
    for (const o of old) before.set(keyOf(o.ref), o);
    for (const o of next) after.set(keyOf(o.ref), o);
  }

  const added: ObjectRef[] = [];
  const changed: ObjectRef[] = [];
  const removed: ObjectRef[] = [];
  const parameters: ParameterChange[] = [];
  for (const [key, o] of after) {
    const old = before.get(key);
    if (!old) added.push(o.ref);
    else if (!isDeepStrictEqual(old.body, o.body)) {
      changed.push(o.ref);
      parameters.push(...diffParameters(o.ref, old.body, o.body));
    }
  }
  for (const [key, o] of before) {
    if (!after.has(key)) removed.push(o.ref);
  }
  return {
    env,
    files: changes.length,
    added: sortRefs(added),
    changed: sortRefs(changed),
    removed: sortRefs(removed),
    otherFiles,
    parameters,
  };
}

/** The Kubernetes objects of a YAML text; none when it is missing, does not parse, or holds no kind and name. */
function parseObjects(text: string | undefined): ParsedObject[] {
  if (text === undefined) return [];
  const objects: ParsedObject[] = [];
  for (const doc of parseAllDocuments(text)) {
    // A file that does not parse is still published; it is reported as a file, not guessed at.
    if ('errors' in doc && doc.errors.length > 0) return [];
    const body: unknown = doc.toJS();
    const ref = refOf(body);
    if (ref) objects.push({ ref, body });
  }
  return objects;
}

function refOf(body: unknown): ObjectRef | undefined {
  if (!isRecord(body) || typeof body.kind !== 'string' || !isRecord(body.metadata)) return undefined;
  const { name, generateName, namespace } = body.metadata;
  const objectName = typeof name === 'string' ? name : typeof generateName === 'string' ? generateName : undefined;
  if (objectName === undefined) return undefined;
  return { kind: body.kind, name: objectName, ...(typeof namespace === 'string' ? { namespace } : {}) };
}

/** Argo kinds whose spec (or `spec.workflowSpec` for CronWorkflow) carries `arguments.parameters`. */
const ARGO_WORKFLOW_KINDS = new Set(['Workflow', 'WorkflowTemplate', 'ClusterWorkflowTemplate', 'CronWorkflow']);

/**
 * Compares the argument parameters of two versions of an Argo object.
 * @see https://argo-workflows.readthedocs.io/en/latest/fields/#arguments
 */
function diffParameters(ref: ObjectRef, oldBody: unknown, newBody: unknown): ParameterChange[] {
  if (!ARGO_WORKFLOW_KINDS.has(ref.kind)) return [];
  const old = parameterValues(ref.kind, oldBody);
  const next = parameterValues(ref.kind, newBody);
  const changes: ParameterChange[] = [];
  for (const [parameter, after] of next) {
    const before = old.get(parameter);
    if (before !== after) changes.push({ object: ref, parameter, ...(before !== undefined ? { before } : {}), after });
  }
  for (const [parameter, before] of old) {
    if (!next.has(parameter)) changes.push({ object: ref, parameter, before });
  }
  return changes;
}

/** Parameter name -> value as text, in declaration order. */
function parameterValues(kind: string, body: unknown): Map<string, string> {
  const values = new Map<string, string>();
  const spec = isRecord(body) && isRecord(body.spec) ? body.spec : undefined;
  // CronWorkflow wraps the workflow spec; Workflow and (Cluster)WorkflowTemplate hold it directly.
  const workflowSpec = kind === 'CronWorkflow' ? (isRecord(spec?.workflowSpec) ? spec.workflowSpec : undefined) : spec;
  const args = isRecord(workflowSpec?.arguments) ? workflowSpec.arguments : undefined;
  if (!Array.isArray(args?.parameters)) return values;
  for (const p of args.parameters) {
    if (!isRecord(p) || typeof p.name !== 'string') continue;
    const value = p.value ?? p.valueFrom;
    if (value !== undefined) values.set(p.name, typeof value === 'string' ? value : JSON.stringify(value));
  }
  return values;
}

function keyOf(ref: ObjectRef): string {
  return `${ref.kind}/${ref.namespace ?? ''}/${ref.name}`;
}

function sortRefs(refs: ObjectRef[]): ObjectRef[] {
  return refs.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
