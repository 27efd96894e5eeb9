import type { DAGTask as IDAGTask } from '../../imports/argo-workflows';
import type { Template as ITemplate } from '../../imports/argo-workflows';
import type { WorkflowSpec as IWorkflowSpec } from '../../imports/argo-workflows';
import { DagTask } from '../dsl/dag-task';
import { Depends } from '../dsl/depends';
import { DagTemplate } from '../dsl/dag-template';
import { InputArtifact } from '../dsl/inputs';
import { Invocation } from '../dsl/invocation';
import { PipelineBase } from '../dsl/pipeline-base';
import { Step } from '../dsl/step';
import { StepsTemplate } from '../dsl/steps-template';
import type { Template } from '../dsl/template';
import { TemplateRef } from '../dsl/template-ref';
import { renderValued } from '../dsl/template-renderer';
import { TemplateStep } from '../dsl/template-step';
import { WorkflowStep } from '../dsl/workflow-step';
import { WorkflowKind } from '../dsl/workflow-options';
import { UserError } from '../user-error';
import { renderPodGc, renderRetry, renderTtl } from './compile-options';
import { compileCall, dependsText, renderHook, templateField, withExtraFields } from './compile-task';
import { compileTemplate, renderArtifact } from './compile-template';
import { StepTaskRenderer, taskExpression } from './expressions';
import { TemplateInputs } from './template-inputs';
import { TemplateScopeRenderer } from './template-scope';

/**
 * Compiles a pipeline into the spec of its Argo object. Steps make a DAG entrypoint named after the pipeline, with
 * one task and one template per step; templates are compiled as they are, each call in the scope of its DAG or
 * steps template. Parameters are the workflow arguments, the exit handler `onExit`. Throws a UserError naming the
 * construct for references that cannot compile.
 *
 * @see https://argo-workflows.readthedocs.io/en/latest/workflow-templates/
 */
export function compileWorkflowSpec(pipeline: PipelineBase): IWorkflowSpec {
  const s = pipeline.settings;
  const r = new TemplateScopeRenderer({ pipeline, path: pipeline.node.path });
  const exit = pipeline.exitHandler;
  const steps = pipeline.steps;
  const native = pipeline.templates.filter((t) => !(t instanceof Step));
  // A pipeline of steps (or an empty one) runs its own DAG; one of templates starts where setEntrypoint says.
  const ownDag = steps.length > 0 || (native.length === 0 && s.workflowTemplateRef === undefined);
  if (ownDag && pipeline.entrypoint) {
    throw new UserError(`[${pipeline.entrypoint.node.path}] ${pipeline.node.path} has steps, whose DAG is its entrypoint; `
      + 'call this template from a TemplateStep instead of making it the entrypoint');
  }
  const templates: ITemplate[] = [];
  const tasks: IDAGTask[] = [];
  for (const step of steps) {
    if (step instanceof TemplateStep) {
      tasks.push(compileTemplateStep(pipeline, step));
      continue;
    }
    const inputs = new TemplateInputs(pipeline, step, step === exit);
    templates.push(compileTemplate(step, inputs, { body: step.renderBody(inputs), autoInputs: () => inputs.inputs, inputArtifactFrom: false }));
    if (step !== exit) tasks.push(compileStepTask(pipeline, step, inputs));
  }
  const named = namedTemplates(pipeline);
  for (const t of native) {
    if (named.has(t) || !inlineOnly(pipeline, t)) templates.push(compileNativeTemplate(pipeline, t));
  }
  const entrypoint = pipeline.entrypoint?.name ?? (ownDag ? pipeline.name : undefined);
  const workflowMetadata = s.workflowMetadata !== undefined ? renderValued<Record<string, unknown>>(r, s.workflowMetadata)
    : isTemplateKind(pipeline.kind) && (s.labels || s.annotations) ? {
      // Runs get the pipeline's labels and annotations too (Argo copies workflowMetadata onto each Workflow).
      ...(s.labels && { labels: { ...s.labels } }),
      ...(s.annotations && { annotations: { ...s.annotations } }),
    } : {};
  const artifacts = Object.entries(s.artifacts ?? {}).map(([name, fields]) => renderArtifact(r, name, fields));
  const parameters = pipeline.parameters.map((p) => ({
    name: p.name,
    ...(p.default !== undefined && { value: String(p.default) }),
    ...(p.enum !== undefined && { enum: p.enum.map(String) }),
    ...(p.description !== undefined && { description: p.description }),
    ...(p.valueFrom !== undefined && { valueFrom: { ...p.valueFrom } }),
  }));
  const hooks = [...pipeline.hooks];
  const spec: Record<string, unknown> = {
    ...(entrypoint !== undefined && { entrypoint }),
    ...((parameters.length > 0 || artifacts.length > 0) && {
      arguments: {
        ...(parameters.length > 0 && { parameters }),
        ...(artifacts.length > 0 && { artifacts }),
      },
    }),
    ...(s.serviceAccountName && { serviceAccountName: s.serviceAccountName }),
    ...(s.parallelism !== undefined && { parallelism: s.parallelism }),
    ...(s.activeDeadline && { activeDeadlineSeconds: s.activeDeadline.toSeconds() }),
    ...(s.ttl && { ttlStrategy: renderTtl(s.ttl) }),
    ...(s.podGc && { podGC: renderPodGc(s.podGc) }),
    ...(s.imagePullSecrets && { imagePullSecrets: s.imagePullSecrets.map((name) => ({ name })) }),
    ...(s.nodeSelector && { nodeSelector: renderValued(r, s.nodeSelector) }),
    ...(s.tolerations && { tolerations: renderValued(r, s.tolerations) }),
    ...(s.affinity && { affinity: renderValued(r, s.affinity) }),
    ...(s.securityContext && { securityContext: renderValued(r, s.securityContext) }),
    ...(s.podPriorityClassName !== undefined && { podPriorityClassName: s.podPriorityClassName }),
    ...(s.podMetadata && { podMetadata: renderValued(r, s.podMetadata) }),
    ...(s.podSpecPatch !== undefined && { podSpecPatch: r.value(s.podSpecPatch) }),
    ...(s.volumes && { volumes: renderValued(r, s.volumes) }),
    ...(s.volumeClaimTemplates && { volumeClaimTemplates: renderValued(r, s.volumeClaimTemplates) }),
    ...(s.synchronization && { synchronization: renderValued(r, s.synchronization) }),
    ...(s.metrics && { metrics: renderValued(r, s.metrics) }),
    ...(s.templateDefaults && { templateDefaults: renderValued(r, s.templateDefaults) }),
    ...(s.retry && { retryStrategy: renderRetry(r, s.retry) }),
    ...(s.artifactRepositoryRef && { artifactRepositoryRef: { ...s.artifactRepositoryRef } }),
    ...(s.artifactGc && { artifactGC: renderValued(r, s.artifactGc) }),
    ...(s.archiveLogs !== undefined && { archiveLogs: s.archiveLogs }),
    ...(s.hostNetwork !== undefined && { hostNetwork: s.hostNetwork }),
    ...(s.dnsConfig && { dnsConfig: s.dnsConfig }),
    ...(s.workflowTemplateRef && { workflowTemplateRef: { ...s.workflowTemplateRef } }),
    ...(Object.keys(workflowMetadata).length > 0 && { workflowMetadata }),
    ...(exit && { onExit: exit.name }),
    ...(hooks.length > 0 && { hooks: Object.fromEntries(hooks.map(([name, hook]) => [name, renderHook(pipeline, pipeline.node.path, r, hook)])) }),
    ...((ownDag || templates.length > 0) && { templates: [...(ownDag ? [{ name: pipeline.name, dag: { tasks } }] : []), ...templates] }),
  };
  return withExtraFields(pipeline.node.path, r, spec, s.specFields) as IWorkflowSpec;
}

function isTemplateKind(kind: WorkflowKind): boolean {
  return kind === WorkflowKind.WORKFLOW_TEMPLATE || kind === WorkflowKind.CLUSTER_WORKFLOW_TEMPLATE;
}

// A step's task: its template, the arguments that feed the inputs its values needed, and its ordering.
function compileStepTask(pipeline: PipelineBase, step: Step, inputs: TemplateInputs): IDAGTask {
  const r = new StepTaskRenderer(pipeline, step);
  const fromArtifacts = step.inputs.filter((i): i is InputArtifact => i instanceof InputArtifact && i.fields.from !== undefined)
    .map((a) => ({ name: a.name, from: taskExpression(pipeline, step, a.fields.from!) }));
  const parameters = inputs.inputs.map((i) => ({ name: i.name, value: i.argument }));
  const call = compileCall(pipeline, r, {
    path: step.node.path, template: step, when: step.when, forEach: step.forEach, continueOn: step.continueOn, hooks: step.hooks,
    hookRenderer: new StepTaskRenderer(pipeline, step, true),
  });
  return {
    name: step.name,
    ...call,
    ...ordering(pipeline, step),
    ...((parameters.length > 0 || fromArtifacts.length > 0) && {
      arguments: {
        ...(parameters.length > 0 && { parameters }),
        ...(fromArtifacts.length > 0 && { artifacts: fromArtifacts }),
      },
    }),
  } as IDAGTask;
}

// A TemplateStep's task: the called template and its explicit arguments, rendered at the DAG's level.
function compileTemplateStep(pipeline: PipelineBase, step: TemplateStep): IDAGTask {
  const r = new StepTaskRenderer(pipeline, step);
  return {
    name: step.name,
    ...compileCall(pipeline, r, {
      path: step.node.path, template: step.template, arguments: step.arguments, when: step.when, forEach: step.forEach,
      continueOn: step.continueOn, hooks: step.hooks, hookRenderer: new StepTaskRenderer(pipeline, step, true),
    }),
    ...ordering(pipeline, step),
  } as IDAGTask;
}

// A step waits for its dependencies to succeed, or for what its `depends` expression says.
function ordering(pipeline: PipelineBase, step: Step): Partial<IDAGTask> {
  if (step.depends === undefined) {
    const dependencies = step.dependencies.map((d) => d.name);
    return dependencies.length > 0 ? { dependencies } : {};
  }
  const named = step.depends instanceof Step ? [step.depends] : 'tasks' in step.depends ? step.depends.tasks : [];
  const foreign = named.find((t) => !(t instanceof Step) || t.pipeline !== pipeline);
  if (foreign) throw new UserError(`[${step.node.path}] depends names '${foreign.name}', which is not a step of ${pipeline.node.path}`);
  const missing = step.dependencies.find((d) => !named.includes(d));
  if (missing) {
    throw new UserError(`[${step.node.path}] runs after '${missing.name}' (after() or an output it reads), which its depends expression `
      + `does not name; add it, e.g. Depends.all(<expression>, ${missing.name})`);
  }
  return { depends: dependsText(step.depends) };
}

// Templates some call, hook, entrypoint or exit handler names (rather than embeds): they must be listed.
function namedTemplates(pipeline: PipelineBase): Set<Template> {
  const named = new Set<Template>();
  const add = (t: Template | TemplateRef | undefined) => { if (t && !(t instanceof TemplateRef)) named.add(t); };
  add(pipeline.entrypoint);
  add(pipeline.exitHandler);
  for (const hook of pipeline.hooks.values()) add(hook.template);
  for (const t of pipeline.templates) {
    if (t instanceof TemplateStep) add(t.template);
    if (t instanceof Step) Object.values(t.hooks).forEach((h) => add(h.template));
  }
  for (const call of invocations(pipeline)) {
    if (!call.inline) add(call.template);
    add(call.onExit);
    Object.values(call.hooks).forEach((h) => add(h.template));
  }
  return named;
}

function inlineOnly(pipeline: PipelineBase, t: Template): boolean {
  return invocations(pipeline).some((c) => c.inline && c.template === t);
}

function invocations(pipeline: PipelineBase): Invocation[] {
  return pipeline.node.findAll().filter((c): c is Invocation => c instanceof Invocation);
}

// An Argo-native template: its body in its own scope, a DAG's or steps' calls each in theirs.
function compileNativeTemplate(pipeline: PipelineBase, t: Template, inline = false): ITemplate {
  const r = new TemplateScopeRenderer({ pipeline, path: t.node.path, template: t, siblings: t instanceof DagTemplate || t instanceof StepsTemplate ? childOutputs(t) : undefined });
  let body: Record<string, unknown> = t.renderBody(r) as Record<string, unknown>;
  if (t instanceof DagTemplate) {
    body = {
      ...body,
      dag: {
        tasks: t.tasks.map((task) => compileInvocation(pipeline, t, task)),
        ...(t.target !== undefined && { target: r.value(t.target) }),
        ...(t.failFast !== undefined && { failFast: t.failFast }),
      },
    };
  } else if (t instanceof StepsTemplate) {
    body = { ...body, steps: t.groups.map((group) => group.map((step) => compileInvocation(pipeline, t, step))) };
  }
  return compileTemplate(t, r, { body, inline });
}

// A DAG template's outputs may read any of its tasks; a steps template's any of its steps.
function childOutputs(t: DagTemplate | StepsTemplate) {
  return {
    prefix: t instanceof DagTemplate ? 'tasks' as const : 'steps' as const,
    problem: (source: { node: { scope?: unknown } }) => (source.node.scope === t ? undefined : `it is not a ${t instanceof DagTemplate ? 'task' : 'step'} of ${t.node.path}`),
  };
}

function compileInvocation(pipeline: PipelineBase, parent: DagTemplate | StepsTemplate, call: Invocation): Record<string, unknown> {
  const groups = parent instanceof StepsTemplate ? parent.groups : [];
  const groupOf = (c: unknown) => groups.findIndex((g) => g.includes(c as WorkflowStep));
  const renderer = (hook: boolean) => new TemplateScopeRenderer({
    pipeline,
    path: call.node.path,
    template: parent,
    loop: call.forEach,
    siblings: {
      prefix: parent instanceof DagTemplate ? 'tasks' : 'steps',
      problem: (source) => {
        // A hook runs once the call has run (exit) or while it runs, so it may read the call's own outputs.
        if (source === call) return hook ? undefined : 'a task cannot read its own outputs';
        if (source.node.scope !== parent) return `it is not a ${parent instanceof DagTemplate ? 'task' : 'step'} of ${parent.node.path}`;
        if (parent instanceof StepsTemplate && groupOf(source) >= groupOf(call)) return 'it does not run in an earlier group of steps';
        return undefined;
      },
    },
  });
  const r = renderer(false);
  const inline = call.inline && !(call.template instanceof TemplateRef) ? compileNativeTemplate(pipeline, call.template, true) : undefined;
  const compiled: Record<string, unknown> = {
    name: call.name,
    ...compileCall(pipeline, r, {
      path: call.node.path, template: call.template, inline: inline as Record<string, unknown> | undefined, arguments: call.arguments,
      when: call.when, forEach: call.forEach, continueOn: call.continueOn, hooks: call.hooks, hookRenderer: renderer(true),
    }),
    ...(call.onExit && { onExit: templateField(pipeline, call.node.path, call.onExit).template }),
  };
  if (call instanceof DagTask) {
    const named = call.depends instanceof Depends ? call.depends.tasks : call.depends ? [call.depends] : [];
    const stranger = named.find((t) => !(t instanceof DagTask) || t.node.scope !== parent);
    if (stranger) {
      throw new UserError(`[${call.node.path}] depends names '${stranger.name}', which is not a task of ${parent.node.path}; name the DagTask objects of the same DAG`);
    }
    if (call.depends !== undefined) compiled.depends = dependsText(call.depends);
    else {
      const deps = call.explicitDependencies ?? call.dataDependencies;
      if (deps.length > 0) compiled.dependencies = deps.map((d) => d.name);
    }
  }
  return withExtraFields(call.node.path, r, compiled, (call as DagTask | WorkflowStep).extraFields);
}
