import { DependsExpression, dependsTasks, parseDepends, TaskResult } from '../argo-spec/depends';
import { arr, call, Code, data, escapeTemplate, obj, str } from './code';
import { ConvertContext, convertOutputs, convertTemplate, declare, list, statement, templateKind } from './convert-template';
import { isObject, Json, valued, value } from './convert-values';
import { Inexpressible, IoVariables, splitTags, TagScope, textCode } from './references';

/** A DAG or steps template whose calls are converted once every template exists. */
export interface CallHolder {
  readonly template: Json;
  readonly variable: string;
  readonly io: IoVariables;
}

const CALL_FIELDS = ['name', 'template', 'templateRef', 'inline', 'arguments', 'when', 'withItems', 'withParam', 'withSequence',
  'continueOn', 'hooks', 'onExit'];
const RESULT_FACTORIES: Readonly<Record<string, string>> = {
  [TaskResult.SUCCEEDED]: 'succeeded', [TaskResult.FAILED]: 'failed', [TaskResult.ERRORED]: 'errored', [TaskResult.SKIPPED]: 'skipped',
  [TaskResult.OMITTED]: 'omitted', [TaskResult.DAEMONED]: 'daemoned', [TaskResult.ANY_SUCCEEDED]: 'anySucceeded', [TaskResult.ALL_FAILED]: 'allFailed',
};

/** Declares the calls of a DAG or steps template, in an order where each names only calls declared before it, then its outputs. */
export function convertCalls(ctx: ConvertContext, holder: CallHolder): void {
  const { template: t, variable, io } = holder;
  const isDag = t.dag !== undefined;
  const vars = new Map<string, string>();
  const siblings = { prefix: isDag ? 'tasks' as const : 'steps' as const, vars };
  if (isDag) {
    const tasks = list((t.dag as Json).tasks, `template '${String(t.name)}' dag.tasks`);
    for (const task of order(tasks, String(t.name))) {
      const v = ctx.ids.fresh(String(task.name), `${String(t.name)}-${String(task.name)}`);
      convertCall(ctx, task, { kind: 'DagTask', parent: variable, io, siblings, variable: v });
      vars.set(String(task.name), v);
    }
  } else {
    if (!Array.isArray(t.steps)) throw new Inexpressible(`template '${String(t.name)}': steps is not a list of groups`);
    for (const group of t.steps as unknown[]) {
      // A group's steps read only earlier groups, so they join the scope once the whole group is declared.
      const declared: Array<[string, string]> = [];
      const members = list(group, `template '${String(t.name)}' steps group`);
      if (members.length === 0) throw new Inexpressible(`template '${String(t.name)}' has an empty group of steps`);
      members.forEach((step, i) => {
        const v = ctx.ids.fresh(String(step.name), `${String(t.name)}-${String(step.name)}`);
        convertCall(ctx, step, { kind: 'WorkflowStep', parent: variable, io, siblings: { prefix: 'steps', vars: new Map(vars) }, variable: v, parallel: i > 0 });
        declared.push([String(step.name), v]);
      });
      declared.forEach(([n, v]) => vars.set(n, v));
    }
  }
  const scope: TagScope = { parameters: ctx.parameters, io, siblings, uses: ctx.uses };
  for (const output of convertOutputs(ctx, String(t.name), t.outputs, io, scope)) statement(ctx, call(`${variable}.addOutput`, output));
}

interface CallPlace {
  readonly kind: 'DagTask' | 'WorkflowStep';
  readonly parent: string;
  readonly io: IoVariables;
  readonly siblings: { readonly prefix: 'tasks' | 'steps'; readonly vars: ReadonlyMap<string, string> };
  readonly variable: string;
  readonly parallel?: boolean;
}

function convertCall(ctx: ConvertContext, c: Json, place: CallPlace): void {
  const name = String(c.name);
  const loop = loopCode(ctx, c, place, name);
  const scope: TagScope = { parameters: ctx.parameters, io: place.io, siblings: place.siblings, loop, uses: ctx.uses };
  let template: Code;
  let inline = false;
  if (c.inline !== undefined) {
    if (!isObject(c.inline)) throw new Inexpressible(`${name}: inline is not a template`);
    templateKind(c.inline);
    template = convertTemplate(ctx, { ...c.inline, name: `${name}-inline` }, { inline: `${name}-inline` }).variable;
    inline = true;
  } else {
    template = templateCode(ctx, c, name, c.arguments);
  }
  const fields = new Set([...CALL_FIELDS, ...(place.kind === 'DagTask' ? ['depends', 'dependencies'] : [])]);
  // Argo ignores arguments a template does not declare; kfops rejects them, so such calls keep theirs as written.
  const declared = typeof c.template === 'string' && c.inline === undefined ? ctx.templateInputs.get(c.template) : undefined;
  const given = isObject(c.arguments) ? c.arguments : {};
  const undeclared = declared && (['parameters', 'artifacts'] as const).some((k) =>
    Array.isArray(given[k]) && (given[k] as Json[]).some((a) => !declared[k].includes(String(a?.name))));
  const args = undeclared ? undefined : argumentsCode(c.arguments, scope, name);
  const extra = Object.entries(c).filter(([k, v]) => (!fields.has(k) || (k === 'arguments' && args === undefined)) && v !== null);
  const props = obj([
    ['template', template],
    ['inline', inline ? 'true' : undefined],
    ['parallel', place.parallel ? 'true' : undefined],
    ['depends', c.depends !== undefined && c.depends !== null ? dependsCode(ctx, String(c.depends), place.siblings.vars, name) : undefined],
    ['dependencies', Array.isArray(c.dependencies) ? arr(c.dependencies.map((d) => sibling(place.siblings.vars, String(d), name))) : undefined],
    ['arguments', args],
    ['when', c.when !== undefined && c.when !== null ? whenCode(c.when, scope, `${name}.when`) : undefined],
    ['forEach', loop],
    ['continueOn', c.continueOn !== undefined && c.continueOn !== null ? data(c.continueOn) : undefined],
    ['onExit', c.onExit !== undefined && c.onExit !== null ? templateVar(ctx, String(c.onExit), name) : undefined],
    ['extraFields', extra.length > 0 ? valued(Object.fromEntries(extra), scope) : undefined],
  ]);
  ctx.uses.add(place.kind);
  declare(ctx, place.variable, call(`new ${place.kind}`, place.parent, str(name), props));
  // Hooks come after the call exists: they may read its own outputs.
  if (c.hooks !== undefined && c.hooks !== null) {
    const self = new Map(place.siblings.vars).set(name, place.variable);
    const hookScope: TagScope = { ...scope, siblings: { prefix: place.siblings.prefix, vars: self } };
    for (const [hookName, hook] of (hooksCode(ctx, c.hooks, hookScope, name) as { entries: ReadonlyArray<readonly [string, Code]> }).entries) {
      statement(ctx, call(`${place.variable}.addHook`, str(hookName), hook));
    }
  }
}

function loopCode(ctx: ConvertContext, c: Json, place: CallPlace, name: string): string | undefined {
  const loops = ['withItems', 'withParam', 'withSequence'].filter((k) => c[k] !== undefined && c[k] !== null);
  if (loops.length === 0) return undefined;
  if (loops.length > 1) throw new Inexpressible(`${name} loops with ${loops.join(' and ')}`);
  const v = ctx.ids.fresh(`${name}-items`, `${name}-loop`);
  const scope: TagScope = { parameters: ctx.parameters, io: place.io, siblings: place.siblings, uses: ctx.uses };
  ctx.uses.add('Loop');
  if (c.withItems !== undefined) {
    if (!Array.isArray(c.withItems) || c.withItems.length === 0) throw new Inexpressible(`${name}.withItems is not a list of items`);
    declare(ctx, v, call('Loop.overItems', data(c.withItems)));
  } else if (c.withParam !== undefined) {
    declare(ctx, v, call('Loop.overJson', value(c.withParam, scope, `${name}.withParam`)));
  } else {
    const s = c.withSequence;
    if (!isObject(s) || Object.keys(s).some((k) => !['count', 'start', 'end', 'format'].includes(k))) {
      throw new Inexpressible(`${name}.withSequence uses fields kfops does not express`);
    }
    declare(ctx, v, call('Loop.overSequence', obj(['count', 'start', 'end', 'format'].map((k): [string, Code | undefined] =>
      [k, s[k] === undefined ? undefined : k === 'format' ? str(String(s[k])) : value(s[k], scope, `${name}.withSequence.${k}`)]))));
  }
  return v;
}

function templateCode(ctx: ConvertContext, c: Json, name: string, args?: unknown): Code {
  if (c.template !== undefined && c.templateRef === undefined) return templateVar(ctx, String(c.template), name);
  const ref = c.templateRef;
  if (c.template !== undefined || !isObject(ref) || typeof ref.name !== 'string' || typeof ref.template !== 'string'
    || Object.keys(ref).some((k) => !['name', 'template', 'clusterScope'].includes(k))) {
    throw new Inexpressible(`${name} names its template neither by 'template' nor by a plain 'templateRef'`);
  }
  ctx.uses.add('TemplateRef');
  const typed = ctx.resolveRef({ name: ref.name, template: ref.template, ...(ref.clusterScope !== undefined && { clusterScope: Boolean(ref.clusterScope) }) }, args);
  if (typed) return typed;
  return call('TemplateRef.named', str(ref.name), str(ref.template), ...(ref.clusterScope !== undefined ? [String(Boolean(ref.clusterScope))] : []));
}

function templateVar(ctx: ConvertContext, template: string, where: string): string {
  const v = ctx.templates.get(template);
  if (!v) throw new Inexpressible(`${where} calls template '${template}', which this object does not define`);
  return v;
}

function sibling(vars: ReadonlyMap<string, string>, task: string, where: string): string {
  const v = vars.get(task);
  if (!v) throw new Inexpressible(`${where} depends on '${task}', which is not a task of the same DAG`);
  return v;
}

function dependsCode(ctx: ConvertContext, text: string, vars: ReadonlyMap<string, string>, where: string): Code {
  const { expression, error } = parseDepends(text);
  if (!expression) throw new Inexpressible(`${where}.depends ${JSON.stringify(text)} does not parse: ${error?.message} at ${error?.offset}`);
  const print = (n: DependsExpression): string => {
    if (n.op === 'task') {
      const v = sibling(vars, n.reference.task, where);
      if (!n.reference.result) return v;
      ctx.uses.add('Depends');
      return `Depends.${RESULT_FACTORIES[n.reference.result]}(${v})`;
    }
    ctx.uses.add('Depends');
    if (n.op === 'not') return `Depends.not(${print(n.operand)})`;
    return `Depends.${n.op === 'and' ? 'all' : 'any'}(${n.operands.map(print).join(', ')})`;
  };
  return print(expression);
}

/** Argo `arguments` as kfops' record of parameters and artifacts, or undefined when they do not fit one. */
export function argumentsCode(a: unknown, scope: TagScope, where: string): Code | undefined {
  if (a === undefined || a === null) return undefined;
  if (!isObject(a) || Object.keys(a).some((k) => k !== 'parameters' && k !== 'artifacts')) return undefined;
  const params = list(a.parameters, `${where}.arguments.parameters`);
  const artifacts = list(a.artifacts, `${where}.arguments.artifacts`);
  const unique = (xs: Json[]) => new Set(xs.map((x) => x.name)).size === xs.length;
  if (!unique(params) || !unique(artifacts) || params.some((p) => Object.keys(p).some((k) => k !== 'name' && k !== 'value') || p.value === undefined || p.value === null)) {
    return undefined;
  }
  return obj([
    ['parameters', params.length > 0 ? obj(params.map((p) => [String(p.name), value(p.value, scope, `${where} argument '${String(p.name)}'`)])) : undefined],
    ['artifacts', artifacts.length > 0 ? obj(artifacts.map((art): [string, Code] => {
      const keys = Object.keys(art).filter((k) => art[k] !== null);
      if (keys.length === 2 && keys.includes('from')) {
        const ref = textCode(String(art.from), scope);
        if (typeof ref === 'string' && !ref.startsWith("'") && !ref.startsWith('fmt`')) return [String(art.name), ref];
      }
      const { name: _n, from, ...rest } = art;
      const fields = Object.entries(rest).filter(([, v]) => v !== null).map(([k, v]): [string, Code] => [k, valued(v, scope)]);
      if (from !== undefined && from !== null) {
        const ref = textCode(String(from), scope);
        if (typeof ref !== 'string' || ref.startsWith("'") || ref.startsWith('fmt`')) throw new Inexpressible(`${where} artifact '${String(art.name)}' takes 'from' that is not one reference`);
        fields.unshift(['from', ref]);
      }
      return [String(art.name), obj(fields)];
    })) : undefined],
  ]);
}

/** Lifecycle hooks by name. */
export function hooksCode(ctx: ConvertContext, hooks: unknown, scope: TagScope, where: string): Code {
  if (!isObject(hooks)) throw new Inexpressible(`${where}.hooks is not an object`);
  return obj(Object.entries(hooks).map(([hookName, h]): [string, Code] => {
    if (!isObject(h) || Object.keys(h).some((k) => !['template', 'templateRef', 'arguments', 'expression'].includes(k))) {
      throw new Inexpressible(`${where} hook '${hookName}' uses fields kfops does not express`);
    }
    const args = argumentsCode(h.arguments, scope, `${where} hook '${hookName}'`);
    if (h.arguments !== undefined && args === undefined) throw new Inexpressible(`${where} hook '${hookName}' has arguments kfops does not express`);
    return [hookName, obj([
      ['template', templateCode(ctx, h, `${where} hook '${hookName}'`, h.arguments)],
      ['arguments', args],
      ['expression', typeof h.expression === 'string' ? str(h.expression) : undefined],
    ])];
  }));
}

// Tasks in an order where each comes after the tasks it depends on or reads, keeping the file's order otherwise.
function order(tasks: Json[], dag: string): Json[] {
  const byName = new Map(tasks.map((t) => [String(t.name), t]));
  const needs = (t: Json): string[] => {
    const names = new Set<string>();
    if (Array.isArray(t.dependencies)) t.dependencies.forEach((d) => names.add(String(d)));
    if (typeof t.depends === 'string') dependsTasks(t.depends).forEach((n) => names.add(n));
    for (const m of JSON.stringify(t).matchAll(/\{\{tasks\.([a-zA-Z0-9][-a-zA-Z0-9]*)\./g)) names.add(m[1]);
    names.delete(String(t.name));
    return [...names].filter((n) => byName.has(n));
  };
  const done = new Set<string>();
  const out: Json[] = [];
  const visiting = new Set<string>();
  // Depth first with an explicit stack: a chain of thousands of tasks would overflow the call stack.
  for (const root of tasks) {
    const stack: { task: Json; deps: string[]; next: number }[] = [];
    const enter = (t: Json): void => {
      const n = String(t.name);
      if (done.has(n)) return;
      if (visiting.has(n)) throw new Inexpressible(`the tasks of '${dag}' depend on each other in a cycle through '${n}'`);
      visiting.add(n);
      stack.push({ task: t, deps: needs(t), next: 0 });
    };
    enter(root);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (top.next < top.deps.length) {
        enter(byName.get(top.deps[top.next++]) as Json);
        continue;
      }
      stack.pop();
      const n = String(top.task.name);
      visiting.delete(n);
      done.add(n);
      out.push(top.task);
    }
  }
  return out;
}

// A call's `when` as code: a DSL `when` takes a Condition or an fmt expression, never a plain string (it would name
// no parameter or output), so an expression without tags is written as fmt`...` too.
function whenCode(v: unknown, scope: TagScope, what: string): Code {
  const text = typeof v === 'number' || typeof v === 'boolean' ? String(v) : v;
  if (typeof text !== 'string' || !splitTags(text).every((p) => 'literal' in p)) return value(text, scope, what);
  scope.uses.add('fmt');
  return `fmt\`${escapeTemplate(text)}\``;
}
