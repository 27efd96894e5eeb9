import { isObject, Json } from './convert-values';
import { camelCase } from './identifiers';
import type { SourceObject } from './read-objects';

/** Members of `Pipeline` a template field must not shadow. */
const PIPELINE_MEMBERS = new Set(['name', 'kind', 'description', 'settings', 'workflowTemplate', 'node', 'templates', 'steps', 'parameters',
  'hooks', 'entrypoint', 'exitHandler', 'compile', 'onExit', 'addParameter', 'setEntrypoint', 'addHook', 'parameterSchema',
  'unknownValueErrors', 'values', 'toString', 'with']);

/** Which imported objects call which templates of which others, and the order to convert them in. */
export interface ReferencePlan {
  /** Objects in an order where every WorkflowTemplate another object calls comes before it. */
  readonly order: readonly SourceObject[];
  /** For each called object, its called templates and the public field each becomes. */
  readonly exposed: ReadonlyMap<SourceObject, ReadonlyMap<string, string>>;
  /** For each called object, its called templates' input names, and which parameters are required. */
  readonly inputs: ReadonlyMap<SourceObject, ReadonlyMap<string, { parameters: string[]; required: string[]; artifacts: string[] }>>;
}

/** The key a templateRef finds its object by. */
export function refKey(kind: string, name: string): string {
  return `${kind}/${name}`;
}

/**
 * Plans typed templateRefs between the objects of one import: a call of a template of a WorkflowTemplate or
 * ClusterWorkflowTemplate that is imported too becomes `TemplateRef.to(...)`, so the callee comes first and exposes
 * the template as a field. Calls in a cycle of objects stay named.
 */
export function planReferences(objects: readonly SourceObject[]): ReferencePlan {
  const byKey = new Map<string, SourceObject>();
  for (const o of objects) {
    const meta = isObject(o.object.metadata) ? o.object.metadata : {};
    if ((o.object.kind === 'WorkflowTemplate' || o.object.kind === 'ClusterWorkflowTemplate') && typeof meta.name === 'string') {
      byKey.set(refKey(String(o.object.kind), meta.name), o);
    }
  }
  const calls = new Map<SourceObject, Array<{ target: SourceObject; template: string }>>();
  for (const o of objects) {
    const found: Array<{ target: SourceObject; template: string }> = [];
    visitRefs(o.object.spec, (ref) => {
      const target = byKey.get(refKey(ref.clusterScope ? 'ClusterWorkflowTemplate' : 'WorkflowTemplate', ref.name));
      if (target && target !== o) found.push({ target, template: ref.template });
    });
    calls.set(o, found);
  }
  const order: SourceObject[] = [];
  const state = new Map<SourceObject, 'visiting' | 'done'>();
  const cut = new Set<string>();
  const visit = (o: SourceObject): void => {
    if (state.get(o) === 'done') return;
    state.set(o, 'visiting');
    for (const c of calls.get(o) ?? []) {
      if (state.get(c.target) === 'visiting') cut.add(`${objects.indexOf(o)}>${objects.indexOf(c.target)}`);
      else visit(c.target);
    }
    state.set(o, 'done');
    order.push(o);
  };
  objects.forEach(visit);
  const exposed = new Map<SourceObject, Map<string, string>>();
  const inputs = new Map<SourceObject, Map<string, { parameters: string[]; required: string[]; artifacts: string[] }>>();
  for (const [o, list] of calls) {
    for (const { target, template } of list) {
      if (cut.has(`${objects.indexOf(o)}>${objects.indexOf(target)}`)) continue;
      const t = templatesOf(target).find((x) => x.name === template);
      if (!t) continue;
      const fields = exposed.get(target) ?? new Map<string, string>();
      if (!fields.has(template)) {
        const taken = new Set(fields.values());
        let field = camelCase(template);
        if (PIPELINE_MEMBERS.has(field) || taken.has(field)) field = `${field}Template`;
        for (let i = 2; taken.has(field); i++) field = `${camelCase(template)}Template${i}`;
        fields.set(template, field);
      }
      exposed.set(target, fields);
      const declared = isObject(t.inputs) ? t.inputs : {};
      const params = Array.isArray(declared.parameters) ? declared.parameters as Json[] : [];
      const artifacts = Array.isArray(declared.artifacts) ? declared.artifacts as Json[] : [];
      const forTarget = inputs.get(target) ?? new Map();
      forTarget.set(template, {
        parameters: params.map((p) => String(p.name)),
        required: params.filter((p) => p.default === undefined && p.value === undefined && p.valueFrom === undefined).map((p) => String(p.name)),
        artifacts: artifacts.map((a) => String(a.name)),
      });
      inputs.set(target, forTarget);
    }
  }
  return { order, exposed, inputs };
}

function templatesOf(o: SourceObject): Json[] {
  const spec = isObject(o.object.spec) ? o.object.spec : {};
  return Array.isArray(spec.templates) ? (spec.templates as unknown[]).filter(isObject) : [];
}

// Every plain templateRef in a spec: in DAG tasks, steps and hooks, at any depth.
function visitRefs(v: unknown, found: (ref: { name: string; template: string; clusterScope?: boolean }) => void): void {
  if (Array.isArray(v)) v.forEach((x) => visitRefs(x, found));
  else if (isObject(v)) {
    const ref = v.templateRef;
    if (isObject(ref) && typeof ref.name === 'string' && typeof ref.template === 'string') {
      found({ name: ref.name, template: ref.template, ...(ref.clusterScope !== undefined && { clusterScope: Boolean(ref.clusterScope) }) });
    }
    Object.values(v).forEach((x) => visitRefs(x, found));
  }
}
