import { MergeStrategy, ResourceAction } from '../dsl/resource-template';
import { RetryPolicy } from '../dsl/retry';
import { ImagePullPolicy } from '../dsl/container-body';
import { arr, call, Code, data, obj, print, str } from './code';
import {
  copied, durationCode, enumCode, envCode, goDurationCode, isObject, Json, resourcesCode, secondsCode, valued, value, values,
} from './convert-values';
import { Identifiers } from './identifiers';
import { Inexpressible, IoVariables, TagScope } from './references';
import { Duration } from 'cdk8s';

/** What converting one object shares: variable names, statements written so far, and what they use. */
export interface ConvertContext {
  readonly ids: Identifiers;
  /** DSL names the generated file imports. */
  readonly uses: Set<string>;
  /** Construct ids taken in the pipeline's scope. */
  readonly constructIds: Set<string>;
  /** The pipeline's parameters, name -> variable. */
  readonly parameters: ReadonlyMap<string, string>;
  /** Templates by name -> variable. */
  readonly templates: Map<string, string>;
  /** The input names each template declares, by template name. */
  readonly templateInputs: ReadonlyMap<string, { readonly parameters: readonly string[]; readonly artifacts: readonly string[] }>;
  /** Statements of the constructor, in order. */
  readonly statements: string[];
  /** Templates other imported objects call by templateRef: declared as public fields of the class, name -> field. */
  readonly exposed: ReadonlyMap<string, string>;
  /** The public fields declared, `field: Class`. */
  readonly fields: string[];
  /** Resolves a templateRef to a template of another imported object, as typed code; undefined to name it instead. */
  readonly resolveRef: (ref: { name: string; template: string; clusterScope?: boolean }, args: unknown) => string | undefined;
}

/** The kinds of template and the DSL class for each. */
const KINDS: Readonly<Record<string, string>> = {
  container: 'ContainerTemplate', script: 'ScriptTemplate', resource: 'ResourceTemplate', suspend: 'SuspendTemplate',
  http: 'HttpTemplate', containerSet: 'ContainerSetTemplate', dag: 'DagTemplate', steps: 'StepsTemplate', data: 'DataTemplate',
  plugin: 'PluginTemplate',
};
const POD_KINDS = new Set(['container', 'script', 'containerSet']);
const POD_FIELDS = ['volumes', 'nodeSelector', 'tolerations', 'affinity', 'securityContext', 'serviceAccountName',
  'automountServiceAccountToken', 'priorityClassName', 'schedulerName', 'hostAliases', 'sidecars', 'initContainers'];
const COMMON_FIELDS = ['name', 'inputs', 'outputs', 'metadata', 'retryStrategy', 'activeDeadlineSeconds', 'timeout', 'memoize',
  'synchronization', 'metrics', 'archiveLocation', 'podSpecPatch'];

/** Appends `const <name> = <code>;`. */
export function declare(ctx: ConvertContext, name: string, code: Code): void {
  ctx.statements.push(`const ${name} = ${print(code, 4, 10 + name.length)};`);
}

/** Appends an expression statement. */
export function statement(ctx: ConvertContext, code: Code): void {
  ctx.statements.push(`${print(code, 4)};`);
}

/** The template's kind: the one field that says what it runs. */
export function templateKind(t: Json): string {
  const kinds = Object.keys(KINDS).filter((k) => t[k] !== undefined && t[k] !== null);
  if (kinds.length !== 1) {
    throw new Inexpressible(`template '${String(t.name)}' has ${kinds.length === 0 ? 'no kind' : `several kinds (${kinds.join(', ')})`}`);
  }
  return kinds[0];
}

/** A construct id for `name` in the pipeline's scope, and the `name` prop when the id had to differ. */
function constructId(ctx: ConvertContext, name: string): { id: string; nameProp?: string } {
  let id = name;
  for (let i = 2; ctx.constructIds.has(id); i++) id = `${name}-${i}`;
  ctx.constructIds.add(id);
  return { id, nameProp: id === name ? undefined : name };
}

/**
 * Declares a template's inputs and outputs (outputs of DAG and steps templates come later, once their calls exist)
 * and the template itself; returns its variable and the variables of its inputs and outputs.
 */
export function convertTemplate(ctx: ConvertContext, t: Json, options: { inline?: string } = {}): { variable: string; io: IoVariables } {
  const kind = templateKind(t);
  const name = options.inline ?? String(t.name);
  const io: IoVariables = { inputParameters: new Map(), inputArtifacts: new Map(), outputParameters: new Map(), outputArtifacts: new Map() };
  const scope: TagScope = { parameters: ctx.parameters, io, uses: ctx.uses };
  const inputs = convertInputs(ctx, name, t.inputs, io);
  const nested = kind === 'dag' || kind === 'steps';
  const outputs = nested ? [] : convertOutputs(ctx, name, t.outputs, io, scope);
  const field = options.inline ? undefined : ctx.exposed.get(name);
  const variable = field ? `this.${field}` : ctx.ids.fresh(name, `${name}-template`);
  if (!options.inline) ctx.templates.set(name, variable);
  const { id, nameProp } = constructId(ctx, options.inline ? `${options.inline}` : name);
  const consumed = new Set<string>([...COMMON_FIELDS, kind, ...(POD_KINDS.has(kind) ? POD_FIELDS : []),
    ...(kind === 'container' || kind === 'script' ? ['daemon'] : []),
    ...(nested ? ['parallelism', ...(kind === 'steps' ? ['failFast'] : [])] : [])]);
  const props: Array<[string, Code | undefined]> = [
    ['name', nameProp !== undefined ? str(nameProp) : undefined],
    ['inputs', inputs.length > 0 ? arr(inputs) : undefined],
    ['outputs', outputs.length > 0 ? arr(outputs) : undefined],
    ...commonProps(t, scope),
    ...kindProps(kind, t, scope, io),
    ...(POD_KINDS.has(kind) ? podProps(t, scope) : []),
    ...(kind === 'container' || kind === 'script' ? [['daemon', t.daemon !== undefined && t.daemon !== null ? data(t.daemon) : undefined] as [string, Code | undefined]] : []),
    ...(nested ? [['parallelism', t.parallelism !== undefined ? data(t.parallelism) : undefined] as [string, Code | undefined]] : []),
    ...(kind === 'steps' ? [['failFast', t.failFast !== undefined ? data(t.failFast) : undefined] as [string, Code | undefined]] : []),
  ];
  // Fields kfops has no prop for go, together with any a prop could not take, into the one escape hatch.
  const extra = Object.entries(t).filter(([k, v]) => !consumed.has(k) && v !== null).map(([k, v]): [string, Code] => [k, valued(v, scope)]);
  for (const [, code] of props.filter(([k, v]) => k === 'extraFields' && v !== undefined)) extra.push(...(code as ReturnType<typeof obj>).entries as Array<[string, Code]>);
  const own = props.filter(([k]) => k !== 'extraFields');
  if (extra.length > 0) own.push(['extraFields', obj(extra)]);
  ctx.uses.add(KINDS[kind]);
  const args: Code[] = ['this', str(id)];
  const propsCode = obj(own);
  if (propsCode.entries.length > 0 || !['dag', 'steps', 'suspend'].includes(kind)) args.push(propsCode);
  const created = call(`new ${KINDS[kind]}`, ...args);
  if (field) {
    // Other imported objects call it by templateRef, typed: `TemplateRef.to(<object>.<field>)`.
    ctx.fields.push(`${field}: ${KINDS[kind]}`);
    ctx.statements.push(`${variable} = ${print(created, 4, 7 + variable.length)};`);
  } else {
    declare(ctx, variable, created);
  }
  return { variable, io };
}

function convertInputs(ctx: ConvertContext, template: string, inputs: unknown, io: IoVariables): string[] {
  if (inputs === undefined || inputs === null) return [];
  if (!isObject(inputs) || Object.keys(inputs).some((k) => k !== 'parameters' && k !== 'artifacts')) {
    throw new Inexpressible(`template '${template}': inputs has fields other than parameters and artifacts`);
  }
  const vars: string[] = [];
  const defaultsScope: TagScope = { parameters: ctx.parameters, uses: ctx.uses };
  for (const p of list(inputs.parameters, `template '${template}' inputs.parameters`)) {
    const v = ctx.ids.fresh(String(p.name), `${template}-${String(p.name)}`);
    const props = parameterProps(p, defaultsScope, ['default', 'value', 'enum', 'description', 'valueFrom'], `input parameter '${String(p.name)}'`);
    ctx.uses.add('InputParameter');
    declare(ctx, v, call('new InputParameter', str(String(p.name)), ...(props.entries.length > 0 ? [props] : [])));
    (io.inputParameters as Map<string, string>).set(String(p.name), v);
    vars.push(v);
  }
  for (const a of list(inputs.artifacts, `template '${template}' inputs.artifacts`)) {
    const v = ctx.ids.fresh(String(a.name), `${template}-${String(a.name)}`);
    ctx.uses.add('InputArtifact');
    // An input artifact's location may use the template's input parameters (e.g. a git revision).
    declare(ctx, v, call('new InputArtifact', str(String(a.name)), ...artifactFields(a, { ...defaultsScope, io })));
    (io.inputArtifacts as Map<string, string>).set(String(a.name), v);
    vars.push(v);
  }
  return vars;
}

/** Declares output objects; `scope` is where their references resolve (the template's, or its calls'). */
export function convertOutputs(ctx: ConvertContext, template: string, outputs: unknown, io: IoVariables, scope: TagScope): string[] {
  if (outputs === undefined || outputs === null) return [];
  if (!isObject(outputs) || Object.keys(outputs).some((k) => k !== 'parameters' && k !== 'artifacts')) {
    throw new Inexpressible(`template '${template}': outputs has fields other than parameters and artifacts`);
  }
  const vars: string[] = [];
  for (const p of list(outputs.parameters, `template '${template}' outputs.parameters`)) {
    const v = ctx.ids.fresh(String(p.name), `${template}-${String(p.name)}`, `${template}-${String(p.name)}-output`);
    const props = parameterProps(p, scope, ['valueFrom', 'globalName', 'description', 'value', 'default', 'enum'], `output parameter '${String(p.name)}'`);
    ctx.uses.add('OutputParameter');
    declare(ctx, v, call('new OutputParameter', str(String(p.name)), ...(props.entries.length > 0 ? [props] : [])));
    (io.outputParameters as Map<string, string>).set(String(p.name), v);
    vars.push(v);
  }
  for (const a of list(outputs.artifacts, `template '${template}' outputs.artifacts`)) {
    const v = ctx.ids.fresh(String(a.name), `${template}-${String(a.name)}`, `${template}-${String(a.name)}-output`);
    ctx.uses.add('OutputArtifact');
    declare(ctx, v, call('new OutputArtifact', str(String(a.name)), ...artifactFields(a, scope)));
    (io.outputArtifacts as Map<string, string>).set(String(a.name), v);
    vars.push(v);
  }
  return vars;
}

function parameterProps(p: Json, scope: TagScope, allowed: string[], what: string): ReturnType<typeof obj> {
  const unknown = Object.keys(p).find((k) => k !== 'name' && !allowed.includes(k) && p[k] !== null);
  if (unknown) throw new Inexpressible(`${what} has '${unknown}', which kfops does not take there`);
  return obj(allowed.map((k): [string, Code | undefined] => {
    const v = p[k];
    if (v === undefined || v === null) return [k, undefined];
    if (k === 'enum') return [k, values(v, scope, `${what} enum`)];
    if (k === 'description' || k === 'globalName') return [k, typeof v === 'string' ? str(v) : data(v)];
    if (k === 'valueFrom') return [k, valued(v, scope)];
    return [k, value(v, scope, `${what} ${k}`)];
  }));
}

/** An artifact's fields (all but its name) as `ArtifactFields` code, with `from` as the reference it names. */
export function artifactFields(a: Json, scope: TagScope): Code[] {
  const { name: _name, from, ...rest } = a;
  const fields = Object.entries(rest).filter(([, v]) => v !== null);
  const entries: Array<[string, Code]> = fields.map(([k, v]) => [k, valued(v, scope)]);
  if (from !== undefined && from !== null) {
    const ref = valued(from, scope);
    if (typeof ref !== 'string' || ref.startsWith("'") || ref.startsWith('fmt`')) {
      throw new Inexpressible(`artifact '${String(a.name)}' takes 'from' ${JSON.stringify(from)}, which is not one reference`);
    }
    entries.unshift(['from', ref]);
  }
  return entries.length > 0 ? [obj(entries)] : [];
}

function commonProps(t: Json, scope: TagScope): Array<[string, Code | undefined]> {
  const meta = t.metadata;
  if (meta !== undefined && meta !== null && (!isObject(meta) || Object.keys(meta).some((k) => k !== 'labels' && k !== 'annotations'))) {
    throw new Inexpressible(`template '${String(t.name)}': metadata has fields other than labels and annotations`);
  }
  const m = isObject(meta) ? meta : {};
  return [
    ['labels', isObject(m.labels) && Object.keys(m.labels).length > 0 ? valued(m.labels, scope) : undefined],
    ['annotations', isObject(m.annotations) && Object.keys(m.annotations).length > 0 ? valued(m.annotations, scope) : undefined],
    ...retryProp(t.retryStrategy, scope),
    ['activeDeadline', t.activeDeadlineSeconds !== undefined && t.activeDeadlineSeconds !== null ? secondsCode(t.activeDeadlineSeconds, scope, 'activeDeadlineSeconds') : undefined],
    ['timeout', t.timeout !== undefined && t.timeout !== null ? goDurationCode(t.timeout, scope, 'timeout') : undefined],
    ...memoizeProp(t.memoize, scope),
    ['synchronization', t.synchronization ? valued(t.synchronization, scope) : undefined],
    ['metrics', t.metrics ? valued(t.metrics, scope) : undefined],
    ['archiveLocation', t.archiveLocation ? valued(t.archiveLocation, scope) : undefined],
    ['podSpecPatch', t.podSpecPatch !== undefined && t.podSpecPatch !== null ? value(t.podSpecPatch, scope, 'podSpecPatch') : undefined],
  ];
}

/** Argo's `retryStrategy` as kfops' `retry`, or as an extra field when it uses what `retry` does not express. */
export function retryProp(r: unknown, scope: TagScope): Array<[string, Code | undefined]> {
  if (r === undefined || r === null) return [];
  if (!isObject(r)) throw new Inexpressible('retryStrategy is not an object');
  const b = r.backoff;
  const simpleBackoff = b === undefined || (isObject(b) && b.duration !== undefined && Object.keys(b).every((k) => ['duration', 'factor', 'maxDuration'].includes(k)));
  const simpleAffinity = r.affinity === undefined || (isObject(r.affinity) && Object.keys(r.affinity).every((k) => k === 'nodeAntiAffinity')
    && isObject(r.affinity.nodeAntiAffinity) && Object.keys(r.affinity.nodeAntiAffinity).length === 0);
  const known = Object.keys(r).every((k) => ['limit', 'retryPolicy', 'backoff', 'expression', 'affinity'].includes(k));
  if (!simpleBackoff || !simpleAffinity || !known || (r.retryPolicy !== undefined && !Object.values(RetryPolicy).includes(r.retryPolicy as RetryPolicy))) {
    return [['extraFields', valued({ retryStrategy: r }, scope)]];
  }
  const backoff = isObject(b) ? obj([
    ['duration', goDurationCode(b.duration, scope, 'backoff.duration')],
    ['factor', b.factor !== undefined ? value(b.factor, scope, 'backoff.factor') : undefined],
    ['maxDuration', b.maxDuration !== undefined ? goDurationCode(b.maxDuration, scope, 'backoff.maxDuration') : undefined],
  ]) : undefined;
  return [['retry', obj([
    ['limit', r.limit !== undefined ? value(r.limit, scope, 'retryStrategy.limit') : undefined],
    ['policy', r.retryPolicy !== undefined ? enumCode('RetryPolicy', RetryPolicy, r.retryPolicy, scope, 'retryPolicy') : undefined],
    ['backoff', backoff],
    ['expression', typeof r.expression === 'string' ? str(r.expression) : undefined],
    ['nodeAntiAffinity', r.affinity !== undefined ? 'true' : undefined],
  ])]];
}

function memoizeProp(m: unknown, scope: TagScope): Array<[string, Code | undefined]> {
  if (m === undefined || m === null) return [];
  const cm = isObject(m) && isObject(m.cache) ? m.cache.configMap : undefined;
  const simple = isObject(m) && Object.keys(m).every((k) => ['key', 'maxAge', 'cache'].includes(k)) && isObject(m.cache)
    && Object.keys(m.cache).length === 1 && isObject(cm) && typeof cm.name === 'string' && Object.keys(cm).every((k) => k === 'name' || k === 'key');
  if (!simple || !isObject(m) || !isObject(cm)) throw new Inexpressible('memoize uses fields kfops does not express');
  return [['memoize', obj([
    ['key', value(m.key, scope, 'memoize.key')],
    ['maxAge', m.maxAge !== undefined ? goDurationCode(m.maxAge, scope, 'memoize.maxAge') : undefined],
    ['configMap', obj([['name', str(cm.name as string)], ['key', typeof cm.key === 'string' ? str(cm.key) : undefined]])],
  ])]];
}

function kindProps(kind: string, t: Json, scope: TagScope, io: IoVariables): Array<[string, Code | undefined]> {
  const body = t[kind];
  switch (kind) {
    case 'container':
    case 'script':
      return containerProps(body as Json, scope, kind === 'script');
    case 'resource':
      return resourceProps(body as Json, scope, io);
    case 'suspend': {
      const s = isObject(body) ? body : {};
      if (Object.keys(s).some((k) => k !== 'duration')) throw new Inexpressible('suspend has fields other than duration');
      return [['duration', s.duration !== undefined && s.duration !== null ? goDurationCode(s.duration, scope, 'suspend.duration') : undefined]];
    }
    case 'http': {
      const h = body as Json;
      const known = ['url', 'method', 'headers', 'body', 'successCondition', 'timeoutSeconds', 'insecureSkipVerify'];
      const unknown = Object.keys(h).find((k) => !known.includes(k));
      if (unknown) throw new Inexpressible(`http has '${unknown}', which kfops does not express`);
      return [
        ['url', value(h.url, scope, 'http.url')],
        ['method', h.method !== undefined ? value(h.method, scope, 'http.method') : undefined],
        ['headers', h.headers !== undefined ? valued(h.headers, scope) : undefined],
        ['body', h.body !== undefined ? value(h.body, scope, 'http.body') : undefined],
        ['successCondition', h.successCondition !== undefined ? value(h.successCondition, scope, 'http.successCondition') : undefined],
        ['requestTimeout', typeof h.timeoutSeconds === 'number' ? durationCode(Duration.seconds(h.timeoutSeconds), scope) : undefined],
        ['insecureSkipVerify', h.insecureSkipVerify !== undefined ? data(h.insecureSkipVerify) : undefined],
      ];
    }
    case 'containerSet': {
      const c = body as Json;
      const unknown = Object.keys(c).find((k) => !['containers', 'volumeMounts', 'retryStrategy'].includes(k));
      if (unknown) throw new Inexpressible(`containerSet has '${unknown}', which kfops does not express`);
      return [
        ['containers', arr(list(c.containers, 'containerSet.containers').map((x) => userContainer(x, scope)))],
        ['volumeMounts', c.volumeMounts !== undefined ? valued(c.volumeMounts, scope) : undefined],
        ['containerRetryStrategy', c.retryStrategy !== undefined ? valued(c.retryStrategy, scope) : undefined],
      ];
    }
    case 'dag': {
      const d = body as Json;
      const unknown = Object.keys(d).find((k) => !['tasks', 'target', 'failFast'].includes(k));
      if (unknown) throw new Inexpressible(`dag has '${unknown}', which kfops does not express`);
      return [
        ['target', d.target !== undefined ? value(d.target, scope, 'dag.target') : undefined],
        ['failFast', d.failFast !== undefined ? data(d.failFast) : undefined],
      ];
    }
    case 'data': {
      const d = body as Json;
      return [['source', valued(d.source, scope)], ['transformation', valued(d.transformation, scope)]];
    }
    case 'plugin':
      return [['plugin', valued(body, scope)]];
    default:
      return [];
  }
}

function containerProps(c: Json, scope: TagScope, script: boolean): Array<[string, Code | undefined]> {
  if (!isObject(c)) throw new Inexpressible('the container is not an object');
  const env = c.env !== undefined ? envCode(c.env, scope) : undefined;
  const resources = c.resources !== undefined ? resourcesCode(c.resources) : undefined;
  const pull = c.imagePullPolicy;
  const consumed = new Set(['image', 'command', 'args', 'workingDir', 'volumeMounts', 'ports', 'securityContext', 'envFrom',
    ...(script ? ['source'] : []),
    ...(env !== undefined ? ['env'] : []),
    ...(resources !== undefined ? ['resources'] : []),
    ...(typeof pull === 'string' && Object.values(ImagePullPolicy).includes(pull as ImagePullPolicy) ? ['imagePullPolicy'] : []),
  ]);
  if (c.image === undefined) throw new Inexpressible('the container has no image');
  const rest = Object.entries(c).filter(([k, v]) => !consumed.has(k) && v !== null);
  return [
    ['image', value(c.image, scope, 'image')],
    ['command', c.command !== undefined ? values(c.command, scope, 'command') : undefined],
    ['args', c.args !== undefined ? values(c.args, scope, 'args') : undefined],
    ['source', script ? value(c.source, scope, 'source') : undefined],
    ['env', env],
    ['envFrom', c.envFrom !== undefined ? data(c.envFrom) : undefined],
    ['resources', resources],
    ['volumeMounts', c.volumeMounts !== undefined ? valued(c.volumeMounts, scope) : undefined],
    ['workingDir', c.workingDir !== undefined ? value(c.workingDir, scope, 'workingDir') : undefined],
    ['imagePullPolicy', consumed.has('imagePullPolicy') ? enumCode('ImagePullPolicy', ImagePullPolicy, pull, scope, 'imagePullPolicy') : undefined],
    ['ports', c.ports !== undefined ? data(c.ports) : undefined],
    ['containerSecurityContext', c.securityContext !== undefined ? valued(c.securityContext, scope) : undefined],
    ['container', rest.length > 0 ? valued(Object.fromEntries(rest), scope) : undefined],
  ];
}

function resourceProps(r: Json, scope: TagScope, io: IoVariables): Array<[string, Code | undefined]> {
  const known = ['action', 'manifest', 'manifestFrom', 'successCondition', 'failureCondition', 'setOwnerReference', 'mergeStrategy', 'flags'];
  const unknown = Object.keys(r).find((k) => !known.includes(k));
  if (unknown) throw new Inexpressible(`resource has '${unknown}', which kfops does not express`);
  const from = isObject(r.manifestFrom) && isObject(r.manifestFrom.artifact) ? io.inputArtifacts.get(String(r.manifestFrom.artifact.name)) : undefined;
  if (r.manifestFrom !== undefined && !from) throw new Inexpressible('resource.manifestFrom names no input artifact of the template');
  return [
    ['action', enumCode('ResourceAction', ResourceAction, r.action, scope, 'resource.action')],
    ['manifest', r.manifest !== undefined ? value(r.manifest, scope, 'resource.manifest') : undefined],
    ['manifestFrom', from],
    ['successCondition', r.successCondition !== undefined ? value(r.successCondition, scope, 'successCondition') : undefined],
    ['failureCondition', r.failureCondition !== undefined ? value(r.failureCondition, scope, 'failureCondition') : undefined],
    ['setOwnerReference', r.setOwnerReference !== undefined ? data(r.setOwnerReference) : undefined],
    ['mergeStrategy', r.mergeStrategy !== undefined ? enumCode('MergeStrategy', MergeStrategy, r.mergeStrategy, scope, 'mergeStrategy') : undefined],
    ['flags', r.flags !== undefined ? values(r.flags, scope, 'flags') : undefined],
  ];
}

function podProps(t: Json, scope: TagScope): Array<[string, Code | undefined]> {
  return [
    ...copied(t, scope, ['serviceAccountName', 'automountServiceAccountToken', 'priorityClassName', 'schedulerName', 'hostAliases'],
      ['volumes', 'nodeSelector', 'tolerations', 'affinity', 'securityContext']),
    ['sidecars', t.sidecars ? arr(list(t.sidecars, 'sidecars').map((c) => userContainer(c, scope))) : undefined],
    ['initContainers', t.initContainers ? arr(list(t.initContainers, 'initContainers').map((c) => userContainer(c, scope))) : undefined],
  ];
}

function userContainer(c: Json, scope: TagScope): Code {
  const env = c.env !== undefined ? envCode(c.env, scope) : undefined;
  if (c.env !== undefined && env === undefined) throw new Inexpressible(`container '${String(c.name)}' has env entries kfops does not express`);
  return obj(Object.entries(c).filter(([, x]) => x !== null).map(([k, x]): [string, Code] => {
    if (k === 'env') return [k, env as Code];
    if (k === 'command' || k === 'args') return [k, values(x, scope, k)];
    return [k, valued(x, scope)];
  }));
}

/** A list of objects, or an Inexpressible naming `what`. */
export function list(v: unknown, what: string): Json[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((x) => !isObject(x))) throw new Inexpressible(`${what} is not a list of objects`);
  return v as Json[];
}
