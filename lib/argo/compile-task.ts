import type { Arguments as IArguments } from '../../imports/argo-workflows';
import type { DAGTask as IDAGTask } from '../../imports/argo-workflows';
import type { LifecycleHook as ILifecycleHook } from '../../imports/argo-workflows';
import type { TemplateRef as ITemplateRef } from '../../imports/argo-workflows';
import { Condition } from '../dsl/condition';
import { Depends } from '../dsl/depends';
import type { Loop } from '../dsl/loop';
import { PipelineBase } from '../dsl/pipeline-base';
import { IReferenceable, isReferenceable } from '../dsl/reference';
import { Arguments, ContinueOn, LifecycleHook } from '../dsl/task-options';
import type { Template } from '../dsl/template';
import { TemplateRef } from '../dsl/template-ref';
import { ITemplateRenderer, renderValued } from '../dsl/template-renderer';
import { Value } from '../dsl/value';
import { WorkflowKind } from '../dsl/workflow-options';
import { UserError } from '../user-error';
import { intOrString } from './compile-options';
import { renderArtifact } from './compile-template';
import { whenExpression } from './expressions';

/** Renders a call's values and spells its references as `{{...}}` expressions, both in the call's scope. */
export interface CallRenderer extends ITemplateRenderer {
  /** A reference as a `{{...}}` expression, after checking it is in reach. */
  expression(value: IReferenceable): string;
}

/** What every call (a DAG task, a workflow step, a pipeline step's task, a hook) has, as its fields are written. */
export interface CallParts {
  /** Construct path that prefixes errors. */
  readonly path: string;
  /** The template called, or a reference to another WorkflowTemplate's. */
  readonly template: Template | TemplateRef;
  /** Embedded as `inline` instead of named: the compiled template. @default - named */
  readonly inline?: Record<string, unknown>;
  readonly arguments?: Arguments;
  readonly when?: Condition | Value;
  readonly forEach?: Loop;
  readonly continueOn?: ContinueOn;
  readonly hooks?: Readonly<Record<string, LifecycleHook>>;
  /** Renders the hooks' arguments, which may also read the call's own outputs. @default - the call's renderer */
  readonly hookRenderer?: CallRenderer;
}

/** The template a call runs: `template: <name>`, `templateRef`, or `inline`. */
export function templateField(pipeline: PipelineBase, path: string, template: Template | TemplateRef, inline?: Record<string, unknown>): Partial<IDAGTask> {
  if (inline) return { inline } as Partial<IDAGTask>;
  if (!(template instanceof TemplateRef)) {
    if (template.pipeline !== pipeline) {
      throw new UserError(`[${path}] calls template '${template.name}' of another pipeline (${template.pipeline.node.path}); `
        + 'call it with TemplateRef.to(template), or create it in this pipeline');
    }
    return { template: template.name };
  }
  return { templateRef: renderTemplateRef(path, template) };
}

function renderTemplateRef(path: string, ref: TemplateRef): ITemplateRef {
  if (!ref.template) {
    return { name: ref.workflowTemplate as string, template: ref.templateName, ...(ref.clusterScope !== undefined && { clusterScope: ref.clusterScope }) };
  }
  const owner = ref.template.pipeline as PipelineBase;
  if (owner.kind !== WorkflowKind.WORKFLOW_TEMPLATE && owner.kind !== WorkflowKind.CLUSTER_WORKFLOW_TEMPLATE) {
    throw new UserError(`[${path}] TemplateRef.to(${ref.template.node.path}) names a template of a ${owner.kind}; `
      + 'only WorkflowTemplates and ClusterWorkflowTemplates can be referenced');
  }
  return {
    name: owner.name,
    template: ref.template.name,
    ...(owner.kind === WorkflowKind.CLUSTER_WORKFLOW_TEMPLATE && { clusterScope: true }),
  };
}

/** Argo's `arguments`, by the called template's input names. */
export function renderArguments(r: CallRenderer, args: Arguments | undefined): IArguments | undefined {
  const parameters = Object.entries(args?.parameters ?? {}).map(([name, value]) => ({ name, value: r.value(value) }));
  const artifacts = Object.entries(args?.artifacts ?? {}).map(([name, a]) => (isReferenceable(a)
    ? { name, from: r.expression(a) }
    : renderArtifact(r, name, a)));
  if (parameters.length === 0 && artifacts.length === 0) return undefined;
  return {
    ...(parameters.length > 0 && { parameters }),
    ...(artifacts.length > 0 && { artifacts }),
  };
}

/** The fields every call shares: template, arguments, when, loop, continueOn, hooks. */
export function compileCall(pipeline: PipelineBase, r: CallRenderer, call: CallParts): Record<string, unknown> {
  const args = renderArguments(r, call.arguments);
  const loop = call.forEach?.source;
  const hooks = Object.entries(call.hooks ?? {});
  return {
    ...templateField(pipeline, call.path, call.template, call.inline),
    ...(args && { arguments: args }),
    ...(call.when !== undefined && {
      when: call.when instanceof Condition ? whenExpression(call.path, call.when, (v) => r.expression(v)) : r.value(call.when),
    }),
    ...(loop?.kind === 'items' && { withItems: [...loop.items] }),
    ...(loop?.kind === 'json' && { withParam: r.value(loop.list) }),
    ...(loop?.kind === 'sequence' && {
      withSequence: {
        ...(loop.sequence.count !== undefined && { count: intOrString(r, loop.sequence.count) }),
        ...(loop.sequence.start !== undefined && { start: intOrString(r, loop.sequence.start) }),
        ...(loop.sequence.end !== undefined && { end: intOrString(r, loop.sequence.end) }),
        ...(loop.sequence.format !== undefined && { format: loop.sequence.format }),
      },
    }),
    ...(call.continueOn && { continueOn: { ...call.continueOn } }),
    ...(hooks.length > 0 && { hooks: Object.fromEntries(hooks.map(([name, hook]) => [name, renderHook(pipeline, call.path, call.hookRenderer ?? r, hook)])) }),
  };
}

/** A lifecycle hook: the template it runs, its arguments and expression. */
export function renderHook(pipeline: PipelineBase, path: string, r: CallRenderer, hook: LifecycleHook): ILifecycleHook {
  const args = renderArguments(r, hook.arguments);
  return {
    ...templateField(pipeline, path, hook.template),
    ...(args && { arguments: args }),
    ...(hook.expression !== undefined && { expression: hook.expression }),
  } as ILifecycleHook;
}

/** A `depends` operand as Argo reads it. */
export function dependsText(depends: Depends | { readonly name: string }): string {
  return depends instanceof Depends ? depends.toString() : depends.name;
}

/** Appends a call's `extraFields`, which must not set what kfops sets. */
export function withExtraFields(path: string, r: ITemplateRenderer, compiled: Record<string, unknown>, extra: unknown): Record<string, unknown> {
  if (!extra) return compiled;
  const rendered = renderValued<Record<string, unknown>>(r, extra);
  const clash = Object.keys(rendered).find((k) => k in compiled);
  if (clash) throw new UserError(`[${path}] extraFields.${clash} is also set by kfops; set it with the prop instead`);
  return { ...compiled, ...rendered };
}
