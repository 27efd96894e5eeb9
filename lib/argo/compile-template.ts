import type { Artifact as IArtifact } from '../../imports/argo-workflows';
import type { Parameter as IParameter } from '../../imports/argo-workflows';
import type { Template as ITemplate } from '../../imports/argo-workflows';
import { ArtifactFields } from '../dsl/artifact';
import { InputArtifact, InputParameter } from '../dsl/inputs';
import { OutputParameter } from '../dsl/outputs';
import type { Template } from '../dsl/template';
import { ITemplateRenderer, renderValued } from '../dsl/template-renderer';
import { UserError } from '../user-error';
import { goDuration, renderMemoize, renderRetry, seconds } from './compile-options';

/** What the caller adds to a template's common fields: its body, already compiled, and world-1 inputs. */
export interface TemplateParts {
  /** The kind-specific part (container, dag, ...). */
  readonly body: Record<string, unknown>;
  /** Input parameters fed by the step's task, for steps (names only). @default - the declared inputs */
  readonly autoInputs?: () => readonly { readonly name: string }[];
  /** Leave the name out (an inline template). @default false */
  readonly inline?: boolean;
  /** Renders `from` of input artifacts; steps pass them through their task instead. @default - rendered here */
  readonly inputArtifactFrom?: boolean;
}

/**
 * Compiles a template's common fields (name, inputs, outputs, pod metadata, retries, deadlines, caching,
 * synchronization, metrics, archive location) around its body, then its `extraFields`. Everything is rendered
 * before the inputs are read, since a step's inputs are known only once its values have been rendered.
 */
export function compileTemplate(t: Template, r: ITemplateRenderer, parts: TemplateParts): ITemplate {
  const outputs = renderOutputs(t, r);
  const labels = renderValued<Record<string, string>>(r, t.labels);
  const annotations = renderValued<Record<string, string>>(r, t.annotations);
  const metadata = {
    ...(Object.keys(labels).length > 0 && { labels }),
    ...(Object.keys(annotations).length > 0 && { annotations }),
  };
  const common = {
    ...(Object.keys(metadata).length > 0 && { metadata }),
    ...(t.retry && { retryStrategy: renderRetry(r, t.retry) }),
    ...(t.activeDeadline !== undefined && { activeDeadlineSeconds: seconds(r, t.activeDeadline) }),
    ...(t.timeout !== undefined && { timeout: goDuration(r, t.timeout) }),
    ...(t.memoize && { memoize: renderMemoize(r, t.memoize) }),
    ...(t.synchronization && { synchronization: renderValued(r, t.synchronization) }),
    ...(t.metrics && { metrics: renderValued(r, t.metrics) }),
    ...(t.archiveLocation && { archiveLocation: renderValued(r, t.archiveLocation) }),
    ...(t.podSpecPatch !== undefined && { podSpecPatch: r.value(t.podSpecPatch) }),
  };
  const extra = t.extraFields ? renderValued<Record<string, unknown>>(r, t.extraFields) : {};
  const inputs = renderInputs(t, r, parts);
  const compiled: Record<string, unknown> = {
    ...(!parts.inline && { name: t.name }),
    ...(inputs && { inputs }),
    ...(outputs && { outputs }),
    ...common,
    ...parts.body,
  };
  const clash = Object.keys(extra).find((k) => k in compiled);
  if (clash) throw new UserError(`[${t.node.path}] extraFields.${clash} is also set by kfops; set it with the prop instead`);
  return { ...compiled, ...extra } as unknown as ITemplate;
}

function renderInputs(t: Template, r: ITemplateRenderer, parts: TemplateParts): ITemplate['inputs'] | undefined {
  const auto = parts.autoInputs?.() ?? [];
  const parameters: IParameter[] = [
    ...auto.map((i) => ({ name: i.name })),
    ...t.inputs.filter((i): i is InputParameter => i instanceof InputParameter).map((p) => ({
      name: p.name,
      ...(p.default !== undefined && { default: r.value(p.default) }),
      ...(p.value !== undefined && { value: r.value(p.value) }),
      ...(p.enum && { enum: p.enum.map((v) => r.value(v)) }),
      ...(p.description !== undefined && { description: p.description }),
      ...(p.valueFrom && { valueFrom: renderValued(r, p.valueFrom) }),
    } as IParameter)),
  ];
  const artifacts = t.inputs.filter((i): i is InputArtifact => i instanceof InputArtifact)
    .map((a) => renderArtifact(r, a.name, parts.inputArtifactFrom === false ? { ...a.fields, from: undefined } : a.fields));
  if (parameters.length === 0 && artifacts.length === 0) return undefined;
  return {
    ...(parameters.length > 0 && { parameters }),
    ...(artifacts.length > 0 && { artifacts }),
  };
}

function renderOutputs(t: Template, r: ITemplateRenderer): ITemplate['outputs'] | undefined {
  const parameters = t.outputs.filter((o): o is OutputParameter => o instanceof OutputParameter).map((p) => ({
    name: p.name,
    ...(p.valueFrom && { valueFrom: renderValued(r, p.valueFrom) }),
    ...(p.globalName !== undefined && { globalName: p.globalName }),
    ...(p.description !== undefined && { description: p.description }),
    ...(p.value !== undefined && { value: r.value(p.value) }),
    ...(p.default !== undefined && { default: r.value(p.default) }),
    ...(p.enum && { enum: p.enum.map((v) => r.value(v)) }),
  } as IParameter));
  const artifacts = t.outputs.filter((o) => !(o instanceof OutputParameter))
    .map((a) => renderArtifact(r, a.name, (a as { fields: ArtifactFields }).fields));
  if (parameters.length === 0 && artifacts.length === 0) return undefined;
  return {
    ...(parameters.length > 0 && { parameters }),
    ...(artifacts.length > 0 && { artifacts }),
  };
}

/** An artifact as Argo takes it: its name, its rendered fields, and `from` as a reference. */
export function renderArtifact(r: ITemplateRenderer, name: string, fields: ArtifactFields): IArtifact {
  const { from, ...rest } = fields;
  return { name, ...renderValued<Omit<IArtifact, 'name'>>(r, rest), ...(from && { from: r.value(from) }) };
}
