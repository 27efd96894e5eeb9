import * as dsl from '../dsl';
import { ConcurrencyPolicy } from '../dsl/schedule';
import { PodGcStrategy, WorkflowKind } from '../dsl/workflow-options';
import { arr, call, Code, data, obj, print, str } from './code';
import { CallHolder, convertCalls, hooksCode } from './convert-calls';
import { ConvertContext, convertTemplate, list, retryProp, statement, templateKind } from './convert-template';
import { copied, durationCode, enumCode, goDurationCode, isObject, Json, secondsCode, valued, value } from './convert-values';
import { withSchedules } from './cron-schedules';
import { camelCase, Identifiers, pascalCase } from './identifiers';
import { Inexpressible, TagScope } from './references';
import { Duration } from 'cdk8s';

/** Names the generated files import; a class of the same name would shadow them. */
const RESERVED_CLASSES = new Set([...Object.keys(dsl), 'Construct', 'Duration', 'Pipeline']);

/** The kinds `kfops import` reads. */
export const IMPORTED_KINDS: readonly string[] = Object.values(WorkflowKind);

/** A class of another imported file whose templates this object calls by templateRef. */
export interface ReferencedObject {
  /** The class, e.g. `TrainEvaluate`. */
  readonly className: string;
  /** Its file, without `.ts`. */
  readonly module: string;
  /** The public field of each template others call, template name -> field. */
  readonly fields: ReadonlyMap<string, string>;
  /** The input names of each of those templates, and which are required. */
  readonly inputs: ReadonlyMap<string, { readonly parameters: readonly string[]; readonly required: readonly string[]; readonly artifacts: readonly string[] }>;
}

/** How to name what the file declares when the object's own name is taken, and what it may reference. */
export interface ObjectNames {
  /** Templates of this object other imported objects call: name -> field. @default - none */
  readonly exposed?: ReadonlyMap<string, string>;
  /** Imported objects this one may reference, by `kind/name` (kind `WorkflowTemplate` or `ClusterWorkflowTemplate`). @default - none */
  readonly referable?: ReadonlyMap<string, ReferencedObject>;
  /** The construct id the app gives the object. @default - its name */
  readonly id?: string;
  /** Class names other files already use. @default - none */
  readonly takenClasses?: ReadonlySet<string>;
  /** A word to tell the class apart when its name is taken, e.g. the source file's name. @default - a number */
  readonly qualifier?: string;
}

/** One object turned into a TypeScript file. */
export interface ConvertedObject {
  /** The class the file exports. */
  readonly className: string;
  /** The construct id the app gives it (the object's name). */
  readonly id: string;
  /** The file's text, with imports relative to `libImport`. */
  readonly text: string;
  /** The imported objects its constructor takes (`refs`), by parameter name and class. */
  readonly refs: ReadonlyArray<{ readonly param: string; readonly className: string }>;
}

const SPEC_FIELDS = new Set(['entrypoint', 'arguments', 'templates', 'serviceAccountName', 'parallelism', 'activeDeadlineSeconds', 'ttlStrategy',
  'podGC', 'imagePullSecrets', 'nodeSelector', 'tolerations', 'affinity', 'securityContext', 'podPriorityClassName', 'podMetadata',
  'podSpecPatch', 'volumes', 'volumeClaimTemplates', 'synchronization', 'metrics', 'templateDefaults', 'retryStrategy',
  'artifactRepositoryRef', 'artifactGC', 'archiveLogs', 'hostNetwork', 'dnsConfig', 'workflowTemplateRef', 'workflowMetadata', 'onExit', 'hooks']);
const CRON_FIELDS = ['schedules', 'timezone', 'concurrencyPolicy', 'startingDeadlineSeconds', 'suspend', 'successfulJobsHistoryLimit',
  'failedJobsHistoryLimit', 'when', 'stopStrategy', 'workflowSpec'];

/**
 * Converts one Argo Workflow, WorkflowTemplate, ClusterWorkflowTemplate or CronWorkflow into a kfops pipeline class
 * that synthesizes it back. Throws {@link Inexpressible} with the reason when the DSL cannot say what it says.
 *
 * @param libImport the module specifier the file imports kfops from: `'kfops'`, as a project's own files do
 */
export function convertObject(o: Json, libImport: string, naming: ObjectNames = {}): ConvertedObject {
  const defaultId = naming.id;
  const kind = String(o.kind);
  if (o.apiVersion !== 'argoproj.io/v1alpha1' || !IMPORTED_KINDS.includes(kind)) {
    throw new Inexpressible(`${String(o.apiVersion)} ${kind} is not an Argo Workflow, WorkflowTemplate, ClusterWorkflowTemplate or CronWorkflow`);
  }
  const meta = isObject(o.metadata) ? o.metadata : {};
  const unknownMeta = Object.keys(meta).find((k) => !['name', 'generateName', 'namespace', 'labels', 'annotations'].includes(k) && meta[k] !== null);
  if (unknownMeta) throw new Inexpressible(`metadata.${unknownMeta} is not something kfops writes`);
  const objectName = typeof meta.name === 'string' ? meta.name : typeof meta.generateName === 'string' ? meta.generateName.replace(/-+$/, '') : undefined;
  if (!objectName) throw new Inexpressible('the object has neither metadata.name nor metadata.generateName');
  const spec = isObject(o.spec) ? o.spec : {};
  const workflowSpec = kind === WorkflowKind.CRON_WORKFLOW ? (isObject(spec.workflowSpec) ? spec.workflowSpec : {}) : spec;
  const usedRefs = new Map<string, ReferencedObject>();
  const ctx: ConvertContext = {
    ids: new Identifiers(),
    uses: new Set(['Pipeline']),
    constructIds: new Set(['params', kind, 'CronWorkflow', 'Workflow']),
    parameters: new Map(),
    templates: new Map(),
    exposed: naming.exposed ?? new Map(),
    fields: [],
    resolveRef: (ref, args) => {
      const target = naming.referable?.get(`${ref.clusterScope ? 'ClusterWorkflowTemplate' : 'WorkflowTemplate'}/${ref.name}`);
      const field = target?.fields.get(ref.template);
      const inputs = target?.inputs.get(ref.template);
      if (!target || !field || !inputs) return undefined;
      // Typed calls are checked against the template's inputs; a call Argo would take but kfops would not stays named.
      const given = isObject(args) ? args : {};
      const names = (k: 'parameters' | 'artifacts') => (Array.isArray(given[k]) ? (given[k] as Json[]).map((a) => String(a?.name)) : []);
      const fits = names('parameters').every((n) => inputs.parameters.includes(n)) && names('artifacts').every((n) => inputs.artifacts.includes(n))
        && inputs.required.every((n) => names('parameters').includes(n));
      if (!fits) return undefined;
      const param = camelCase(target.className);
      usedRefs.set(param, target);
      return `TemplateRef.to(refs.${param}.${field})`;
    },
    templateInputs: new Map(list(workflowSpec.templates, 'spec.templates').map((t) => {
      const inputs = isObject(t.inputs) ? t.inputs : {};
      const names = (x: unknown) => (Array.isArray(x) ? x.map((i) => String((i as Json)?.name)) : []);
      return [String(t.name), { parameters: names(inputs.parameters), artifacts: names(inputs.artifacts) }];
    })),
    statements: [],
  };
  const scope: TagScope = { parameters: ctx.parameters, uses: ctx.uses };
  const args = isObject(workflowSpec.arguments) ? workflowSpec.arguments : {};
  if (Object.keys(args).some((k) => k !== 'parameters' && k !== 'artifacts')) throw new Inexpressible('spec.arguments has fields other than parameters and artifacts');
  for (const p of list(args.parameters, 'spec.arguments.parameters')) declareParameter(ctx, p);
  const templates = list(workflowSpec.templates, 'spec.templates');
  const names = templates.map((t) => String(t.name));
  if (new Set(names).size !== names.length) throw new Inexpressible('two templates have the same name');
  // Templates first, DAG and steps templates empty, so that every call below can name any template.
  const holders: CallHolder[] = [];
  for (const t of templates) {
    const kindOf = templateKind(t);
    const converted = convertTemplate(ctx, t);
    if (kindOf === 'dag' || kindOf === 'steps') holders.push({ template: t, ...converted });
  }
  for (const holder of holders) convertCalls(ctx, holder);
  // An entrypoint or exit handler of a referenced WorkflowTemplate is named, not a template of this object.
  const elsewhere: Json = {};
  for (const [field, method] of [['entrypoint', 'this.setEntrypoint'], ['onExit', 'this.onExit']] as const) {
    const name = workflowSpec[field];
    if (name === undefined || name === null) continue;
    if (ctx.templates.has(String(name))) statement(ctx, call(method, templateVar(ctx, String(name))));
    else if (workflowSpec.workflowTemplateRef !== undefined) elsewhere[field] = name;
    else throw new Inexpressible(`spec.${field} names template '${String(name)}', which the object does not define`);
  }
  if (isObject(workflowSpec.hooks)) {
    const hooks = hooksCode(ctx, workflowSpec.hooks, scope, 'spec');
    for (const [name, hook] of (hooks as { entries: ReadonlyArray<readonly [string, Code]> }).entries) statement(ctx, call('this.addHook', str(name), hook));
  }
  // The pipeline's props come before its parameters exist: there, workflow parameters are read by name.
  const propsScope: TagScope = { parameters: new Map(), uses: ctx.uses };
  const props = obj([
    ['kind', kind === WorkflowKind.WORKFLOW_TEMPLATE ? undefined : enumCode('WorkflowKind', WorkflowKind, kind, scope, 'kind')],
    ['name', typeof meta.name === 'string' && (meta.name !== objectName || (defaultId ?? objectName) !== objectName) ? str(meta.name) : undefined],
    ['generateName', typeof meta.generateName === 'string' ? str(meta.generateName) : undefined],
    ['namespace', typeof meta.namespace === 'string' ? str(meta.namespace) : undefined],
    ...metadataProps(meta, kind, workflowSpec),
    ...(kind === WorkflowKind.CRON_WORKFLOW ? [['cron', cronCode(spec, propsScope)] as [string, Code]] : []),
    ...specProps({ ...workflowSpec, ...Object.fromEntries(Object.keys(elsewhere).map((k) => [`@${k}`, elsewhere[k]])) }, propsScope),
  ]);
  // A class named like a kfops export would shadow it in its own file.
  const base = pascalCase(objectName);
  const candidates = [base, ...(naming.qualifier ? [`${pascalCase(naming.qualifier)}${base}`] : []), `${base}Workflow`];
  for (let i = 2; i < 100; i++) candidates.push(`${base}${i}`);
  const className = candidates.find((n) => !RESERVED_CLASSES.has(n) && !ctx.uses.has(n) && !naming.takenClasses?.has(n)) as string;
  const imports = [...ctx.uses].filter((u) => u !== 'Duration').sort();
  const refs = [...usedRefs].sort(([a], [b]) => (a < b ? -1 : 1));
  const header = [
    "import { Construct } from 'constructs';",
    ...(ctx.uses.has('Duration') ? ["import { Duration } from 'cdk8s';"] : []),
    `import { ${imports.join(', ')} } from '${libImport}';`,
    ...refs.map(([, r]) => `import type { ${r.className} } from './${r.module}';`),
  ];
  const refsParam = refs.length > 0 ? `refs: { ${refs.map(([p, r]) => `readonly ${p}: ${r.className}`).join('; ')} }, ` : '';
  const text = [
    ...header,
    '',
    `/** The ${kind} \`${objectName}\`, imported by \`kfops import\`. */`,
    `export class ${className} extends Pipeline {`,
    ...ctx.fields.map((f) => `  public readonly ${f};`),
    ...(ctx.fields.length > 0 ? [''] : []),
    `  constructor(scope: Construct, ${refsParam}id: string = ${str(defaultId ?? objectName)}) {`,
    `    super(scope, id, ${print(props, 4, 20)});`,
    ...withoutUnusedConstants(ctx.statements).map((s) => `    ${s}`),
    '  }',
    '}',
    '',
  ].join('\n');
  return {
    className, id: defaultId ?? objectName, refs: refs.map(([p, r]) => ({ param: p, className: r.className })),
    text: text.replace(/\(scope, id, \{\}\)/, '(scope, id)'),
  };
}

/** Statements with `const x = ` dropped where nothing later reads `x`, so the file compiles with noUnusedLocals. */
function withoutUnusedConstants(statements: readonly string[]): string[] {
  const read = statements.map(identifiersRead);
  return statements.map((s, i) => {
    const m = /^const ([A-Za-z_$][A-Za-z0-9_$]*) = /.exec(s);
    if (!m) return s;
    return read.slice(i + 1).some((ids) => ids.has(m[1])) ? s : s.slice(m[0].length);
  });
}

// The identifiers a statement reads: outside string literals and object keys, inside `${...}` of template literals.
function identifiersRead(statement: string): Set<string> {
  let code = '';
  for (let i = 0; i < statement.length; i++) {
    const c = statement[i];
    if (c === "'") {
      for (i++; i < statement.length && statement[i] !== "'"; i++) if (statement[i] === '\\') i++;
      code += "''";
    } else if (c === '`') {
      let depth = 0;
      for (i++; i < statement.length && (statement[i] !== '`' || depth > 0); i++) {
        if (statement[i] === '\\') i++;
        else if (depth === 0 && statement[i] === '$' && statement[i + 1] === '{') { depth = 1; i++; code += ' '; }
        else if (depth > 0 && statement[i] === '}') { depth = 0; code += ' '; }
        else if (depth > 0) code += statement[i];
      }
    } else {
      code += c;
    }
  }
  const names = new Set<string>();
  for (const m of code.matchAll(/(?<![A-Za-z0-9_$.])([A-Za-z_$][A-Za-z0-9_$]*)(?![A-Za-z0-9_$])(?!\s*:(?!:))/g)) names.add(m[1]);
  return names;
}

function templateVar(ctx: ConvertContext, name: string): string {
  const v = ctx.templates.get(name);
  if (!v) throw new Inexpressible(`the object names template '${name}', which it does not define`);
  return v;
}

function declareParameter(ctx: ConvertContext, p: Json): void {
  const name = String(p.name);
  const unknown = Object.keys(p).find((k) => !['name', 'value', 'enum', 'description', 'valueFrom'].includes(k) && p[k] !== null);
  if (unknown) throw new Inexpressible(`workflow parameter '${name}' has '${unknown}', which kfops does not take there`);
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_-]*$/.test(name)) throw new Inexpressible(`workflow parameter name '${name}' starts with '-' or '_'`);
  const v = ctx.ids.fresh(name, `${name}-parameter`);
  const props = obj([
    // Argo passes every parameter as a string; kfops declares them STRING and writes the same text.
    ['default', p.value !== undefined && p.value !== null ? str(typeof p.value === 'string' ? p.value : JSON.stringify(p.value)) : undefined],
    ['enum', Array.isArray(p.enum) ? arr(p.enum.map((e) => str(String(e)))) : undefined],
    ['description', typeof p.description === 'string' ? str(p.description) : undefined],
    ['valueFrom', isObject(p.valueFrom) ? data(p.valueFrom) : undefined],
  ]);
  if (Array.isArray(p.enum)) {
    ctx.uses.add('ParameterType');
    (props.entries as Array<[string, Code]>).unshift(['type', 'ParameterType.ENUM']);
    if (p.value !== undefined && !p.enum.map(String).includes(String(p.value))) {
      throw new Inexpressible(`workflow parameter '${name}' has the value ${JSON.stringify(p.value)}, which is not one of its enum`);
    }
  }
  ctx.statements.push(`const ${v} = this.addParameter(${str(name)}${props.entries.length > 0 ? `, ${print(props, 4, 30 + name.length)}` : ''});`);
  (ctx.parameters as Map<string, string>).set(name, v);
}

function metadataProps(meta: Json, kind: string, spec: Json): Array<[string, Code | undefined]> {
  const labels = isObject(meta.labels) ? { ...meta.labels } : {};
  const annotations = isObject(meta.annotations) ? { ...meta.annotations } : {};
  const description = annotations['workflows.argoproj.io/description'];
  if (typeof description === 'string') delete annotations['workflows.argoproj.io/description'];
  const labelled = Object.keys(labels).length > 0 || Object.keys(annotations).length > 0;
  return [
    ['description', typeof description === 'string' ? str(description) : undefined],
    ['labels', Object.keys(labels).length > 0 ? data(labels) : undefined],
    ['annotations', Object.keys(annotations).length > 0 ? data(annotations) : undefined],
    // A kfops template copies its labels onto its runs unless told what runs get; an imported one keeps what it had.
    ['workflowMetadata', labelled && spec.workflowMetadata === undefined
      && (kind === WorkflowKind.WORKFLOW_TEMPLATE || kind === WorkflowKind.CLUSTER_WORKFLOW_TEMPLATE) ? '{}' : undefined],
  ];
}

function cronCode(given: Json, scope: TagScope): Code {
  const spec = withSchedules(given);
  const unknown = Object.keys(spec).find((k) => !CRON_FIELDS.includes(k) && spec[k] !== null);
  if (unknown) throw new Inexpressible(`CronWorkflow spec.${unknown} is not something kfops writes`);
  if (!Array.isArray(spec.schedules)) throw new Inexpressible('the CronWorkflow has no spec.schedules list');
  const stop = spec.stopStrategy;
  if (stop !== undefined && (!isObject(stop) || Object.keys(stop).some((k) => k !== 'expression'))) {
    throw new Inexpressible('CronWorkflow spec.stopStrategy has fields other than expression');
  }
  return obj([
    ['schedules', data(spec.schedules)],
    ['timezone', typeof spec.timezone === 'string' ? str(spec.timezone) : undefined],
    ['concurrencyPolicy', spec.concurrencyPolicy !== undefined ? enumCode('ConcurrencyPolicy', ConcurrencyPolicy, spec.concurrencyPolicy, scope, 'concurrencyPolicy') : undefined],
    ['startingDeadline', typeof spec.startingDeadlineSeconds === 'number' ? durationCode(Duration.seconds(spec.startingDeadlineSeconds), scope) : undefined],
    ['suspend', spec.suspend !== undefined ? data(spec.suspend) : undefined],
    ['successfulJobsHistoryLimit', spec.successfulJobsHistoryLimit !== undefined ? data(spec.successfulJobsHistoryLimit) : undefined],
    ['failedJobsHistoryLimit', spec.failedJobsHistoryLimit !== undefined ? data(spec.failedJobsHistoryLimit) : undefined],
    ['when', typeof spec.when === 'string' ? str(spec.when) : undefined],
    ['stopExpression', isObject(stop) && typeof stop.expression === 'string' ? str(stop.expression) : undefined],
  ]);
}

function specProps(s: Json, scope: TagScope): Array<[string, Code | undefined]> {
  const extra = Object.entries(s).filter(([k, x]) => !SPEC_FIELDS.has(k) && !k.startsWith('@') && x !== null);
  for (const [k, x] of Object.entries(s)) if (k.startsWith('@')) extra.push([k.slice(1), x]);
  const artifacts = isObject(s.arguments) ? list(s.arguments.artifacts, 'spec.arguments.artifacts') : [];
  const retry = retryProp(s.retryStrategy, scope);
  const retryExtra = retry.find(([k]) => k === 'extraFields');
  if (retryExtra) extra.push(['retryStrategy', s.retryStrategy]);
  const secrets = s.imagePullSecrets;
  const plainSecrets = Array.isArray(secrets) && secrets.every((x) => isObject(x) && Object.keys(x).length === 1 && typeof x.name === 'string');
  if (secrets !== undefined && !plainSecrets) extra.push(['imagePullSecrets', secrets]);
  const ttl = s.ttlStrategy;
  const ttlKeys = { secondsAfterCompletion: 'afterCompletion', secondsAfterSuccess: 'afterSuccess', secondsAfterFailure: 'afterFailure' } as Record<string, string>;
  const plainTtl = isObject(ttl) && Object.entries(ttl).every(([k, x]) => Object.hasOwn(ttlKeys, k) && typeof x === 'number');
  if (ttl !== undefined && !plainTtl) extra.push(['ttlStrategy', ttl]);
  const podGc = podGcCode(s.podGC, scope);
  if (s.podGC !== undefined && podGc === undefined) extra.push(['podGC', s.podGC]);
  const wtr = s.workflowTemplateRef;
  const plainRef = isObject(wtr) && typeof wtr.name === 'string' && Object.keys(wtr).every((k) => k === 'name' || k === 'clusterScope');
  if (wtr !== undefined && !plainRef) extra.push(['workflowTemplateRef', wtr]);
  return [
    ['activeDeadline', typeof s.activeDeadlineSeconds === 'number' ? secondsCode(s.activeDeadlineSeconds, scope, 'activeDeadlineSeconds') : undefined],
    ['ttl', plainTtl && isObject(ttl) ? obj(Object.entries(ttl).map(([k, x]) => [ttlKeys[k], durationCode(Duration.seconds(x as number), scope)])) : undefined],
    ['podGc', podGc],
    ['imagePullSecrets', plainSecrets ? arr((secrets as Json[]).map((x) => str(String(x.name)))) : undefined],
    ['podSpecPatch', s.podSpecPatch !== undefined ? value(s.podSpecPatch, scope, 'spec.podSpecPatch') : undefined],
    ...copied(s, scope, ['serviceAccountName', 'parallelism', 'podPriorityClassName', 'artifactRepositoryRef', 'archiveLogs', 'hostNetwork', 'dnsConfig'],
      ['nodeSelector', 'tolerations', 'affinity', 'securityContext', 'podMetadata', 'volumes', 'volumeClaimTemplates', 'synchronization',
        'metrics', 'templateDefaults', 'workflowMetadata']),
    ['artifactGc', s.artifactGC !== undefined && s.artifactGC !== null ? valued(s.artifactGC, scope) : undefined],
    ['artifacts', artifacts.length > 0 ? obj(artifacts.map((a) => {
      const { name, ...rest } = a;
      return [String(name), valued(rest, scope)];
    })) : undefined],
    ...(retryExtra ? [] : retry),
    ['workflowTemplateRef', plainRef ? data(wtr) : undefined],
    ['specFields', extra.length > 0 ? valued(Object.fromEntries(extra), scope) : undefined],
  ];
}

function podGcCode(p: unknown, scope: TagScope): Code | undefined {
  if (p === undefined || p === null) return undefined;
  if (!isObject(p) || Object.keys(p).some((k) => !['strategy', 'labelSelector', 'deleteDelayDuration'].includes(k))) return undefined;
  if (p.strategy !== undefined && !Object.values(PodGcStrategy).includes(p.strategy as PodGcStrategy)) return undefined;
  const strategy = p.strategy !== undefined ? enumCode('PodGcStrategy', PodGcStrategy, p.strategy, scope, 'podGC.strategy') : undefined;
  if (Object.keys(p).length === 1 && strategy) return strategy;
  const delay = p.deleteDelayDuration !== undefined ? goDurationCode(p.deleteDelayDuration, scope, 'podGC.deleteDelayDuration') : undefined;
  if (delay !== undefined && (typeof delay !== 'string' || !delay.startsWith('Duration.'))) return undefined;
  return obj([
    ['strategy', strategy],
    ['labelSelector', p.labelSelector !== undefined ? data(p.labelSelector) : undefined],
    ['deleteDelay', delay],
  ]);
}
