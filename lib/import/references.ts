import { scanTags } from '../argo-spec/variables';
import { Code, escapeTemplate, str } from './code';
import { own } from '../own';

/** Why an object cannot be expressed with the DSL: reported with its name, never worked around. */
export class Inexpressible extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Inexpressible';
  }
}

/** The variables a template's declared inputs and outputs are held in, by name. */
export interface IoVariables {
  readonly inputParameters: ReadonlyMap<string, string>;
  readonly inputArtifacts: ReadonlyMap<string, string>;
  readonly outputParameters: ReadonlyMap<string, string>;
  readonly outputArtifacts: ReadonlyMap<string, string>;
}

/** What `{{...}}` tags can name where a value is converted. */
export interface TagScope {
  /** The workflow parameters the pipeline declares, name -> variable. */
  readonly parameters: ReadonlyMap<string, string>;
  /** The current template's inputs and outputs. @default - none */
  readonly io?: IoVariables;
  /** Sibling tasks (`tasks`) or steps (`steps`) in reach, name -> variable. @default - none */
  readonly siblings?: { readonly prefix: 'tasks' | 'steps'; readonly vars: ReadonlyMap<string, string> };
  /** The variable of the call's loop. @default - none */
  readonly loop?: string;
  /** Names the generated code imports from kfops; tags add what they use. */
  readonly uses: Set<string>;
}

const GLOBALS: Readonly<Record<string, string>> = {
  'workflow.name': 'name',
  'workflow.uid': 'uid',
  'workflow.namespace': 'namespace',
  'workflow.serviceAccountName': 'serviceAccountName',
  'workflow.creationTimestamp': 'creationTimestamp',
  'workflow.status': 'status',
  'workflow.failures': 'failures',
  'workflow.duration': 'duration',
  'workflow.mainEntrypoint': 'mainEntrypoint',
  'workflow.scheduledTime': 'scheduledTime',
  'workflow.priority': 'priority',
  'workflow.parameters': 'parameters',
  'workflow.labels': 'labels',
  'workflow.annotations': 'annotations',
  'pod.name': 'podName',
  'node.name': 'nodeName',
  'retries': 'retries',
  'inputs.parameters': 'inputParameters',
};

const NODE_FIELDS: Readonly<Record<string, string>> = {
  'outputs.result': 'result',
  'outputs.parameters': 'outputParameters',
  exitCode: 'exitCode',
  status: 'status',
  ip: 'ip',
  id: 'id',
  startedAt: 'startedAt',
  finishedAt: 'finishedAt',
  hostNodeName: 'hostNodeName',
};

/**
 * The parts of a string: literal text and `{{...}}` tags (their content as written), in order, split by Argo's
 * scanner; nested tags and an unclosed `{{` cannot be expressed.
 */
export function splitTags(text: string): Array<{ readonly literal: string } | { readonly tag: string }> {
  const { tags, unclosedAt } = scanTags(text);
  if (unclosedAt !== undefined) throw new Inexpressible(`${JSON.stringify(text)} opens a {{ at ${unclosedAt} that is never closed`);
  const parts: Array<{ literal: string } | { tag: string }> = [];
  let at = 0;
  for (const tag of tags) {
    if (tag.kind === 'nested') throw new Inexpressible(`${JSON.stringify(text)} nests one tag in another, which kfops has no object for`);
    const close = text.indexOf('}}', tag.offset + 2);
    if (tag.offset > at) parts.push({ literal: text.slice(at, tag.offset) });
    parts.push({ tag: text.slice(tag.offset + 2, close) });
    at = close + 2;
  }
  if (at < text.length) parts.push({ literal: text.slice(at) });
  return parts;
}

/**
 * A string as code: a literal, the object a lone `{{...}}` tag names, or an `fmt` template of literals and
 * objects. Throws {@link Inexpressible} for a tag that names nothing in reach.
 */
export function textCode(text: string, scope: TagScope): Code {
  const parts = splitTags(text);
  if (parts.every((p) => 'literal' in p)) return str(text);
  if (parts.length === 1 && 'tag' in parts[0]) return tagCode(parts[0].tag, scope);
  scope.uses.add('fmt');
  return `fmt\`${parts.map((p) => ('literal' in p ? escapeTemplate(p.literal) : `\${${tagCode(p.tag, scope)}}`)).join('')}\``;
}

/** The object a tag's content names, as code. */
export function tagCode(tag: string, scope: TagScope): string {
  if (tag.startsWith('=')) {
    scope.uses.add('expr');
    return `expr(${str(tag.slice(1))})`;
  }
  if (tag !== tag.trim()) throw new Inexpressible(`the tag {{${tag}}} has spaces inside its braces, which kfops writes without`);
  const global = own(GLOBALS, tag);
  if (global) {
    scope.uses.add('WorkflowVariables');
    return `WorkflowVariables.${global}`;
  }
  const io = /^(inputs|outputs)\.(parameters|artifacts)\.([-a-zA-Z0-9_]+)(\.path)?$/.exec(tag);
  if (io) {
    const [, direction, type, name, path] = io;
    const vars = scope.io && (direction === 'inputs'
      ? (type === 'parameters' ? scope.io.inputParameters : scope.io.inputArtifacts)
      : (type === 'parameters' ? scope.io.outputParameters : scope.io.outputArtifacts));
    const v = vars?.get(name);
    if (!v) throw new Inexpressible(`{{${tag}}} names ${direction.slice(0, -1)} ${type.slice(0, -1)} '${name}', which the template does not declare`);
    return path ? `${v}.path` : v;
  }
  const wf = /^workflow\.(parameters|labels|annotations|outputs\.parameters|outputs\.artifacts)\.(.+)$/.exec(tag);
  if (wf) {
    const [, what, name] = wf;
    if (what === 'parameters' && scope.parameters.has(name)) return scope.parameters.get(name) as string;
    scope.uses.add('WorkflowVariables');
    const fn = { parameters: 'parameter', labels: 'label', annotations: 'annotation', 'outputs.parameters': 'outputParameter', 'outputs.artifacts': 'outputArtifact' }[what];
    return `WorkflowVariables.${fn}(${str(name)})`;
  }
  const node = /^(tasks|steps)\.name$/.test(tag) ? null : /^(tasks|steps)\.([a-zA-Z0-9][-a-zA-Z0-9]*)\.(.+)$/.exec(tag);
  if (node) {
    const [, prefix, name, rest] = node;
    if (!scope.siblings || scope.siblings.prefix !== prefix) {
      throw new Inexpressible(`{{${tag}}} reads ${prefix} outside the ${prefix === 'tasks' ? 'DAG' : 'steps'} that hold them`);
    }
    const v = scope.siblings.vars.get(name);
    if (!v) throw new Inexpressible(`{{${tag}}} names ${prefix.slice(0, -1)} '${name}', which is not in reach`);
    const field = own(NODE_FIELDS, rest);
    if (field) return `${v}.${field}`;
    const out = /^outputs\.(parameters|artifacts)\.([-a-zA-Z0-9_]+)$/.exec(rest);
    if (out) return `${v}.${out[1] === 'parameters' ? 'output' : 'outputArtifact'}(${str(out[2])})`;
    throw new Inexpressible(`{{${tag}}} reads '${rest}' of ${prefix.slice(0, -1)} '${name}', which kfops has no accessor for`);
  }
  if (tag === 'item' || tag.startsWith('item.')) {
    if (!scope.loop) throw new Inexpressible(`{{${tag}}} is used outside a loop`);
    return tag === 'item' ? `${scope.loop}.item` : `${scope.loop}.field(${str(tag.slice(5))})`;
  }
  if ((/^(inputs|tasks|steps)\./.test(tag) && !/^(tasks|steps)\.name$/.test(tag)) || /^outputs\.(parameters|artifacts)\./.test(tag)) {
    throw new Inexpressible(`{{${tag}}} names nothing kfops can reference`);
  }
  scope.uses.add('WorkflowVariable');
  return `new WorkflowVariable(${str(tag)})`;
}
