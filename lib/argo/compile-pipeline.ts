import type { DAGTask as IDAGTask } from '../../imports/argo-workflows';
import type { Template as ITemplate } from '../../imports/argo-workflows';
import type { WorkflowSpec as IWorkflowSpec } from '../../imports/argo-workflows';
import type { Pipeline } from '../dsl/pipeline';
import type { Step } from '../dsl/step';
import { taskExpression, whenExpression } from './expressions';
import { TemplateInputs } from './template-inputs';

/**
 * Compiles a pipeline into the spec of an Argo WorkflowTemplate: a DAG entrypoint named after the pipeline with
 * one task per step, one template per step, the parameters as workflow arguments, and the exit handler as
 * `onExit`. Throws a UserError naming the step for references that cannot compile.
 *
 * @see https://argo-workflows.readthedocs.io/en/latest/workflow-templates/
 */
export function compileWorkflowSpec(pipeline: Pipeline): IWorkflowSpec {
  const exitHandler = pipeline.exitHandler;
  const tasks: IDAGTask[] = [];
  const templates: ITemplate[] = [];
  for (const step of pipeline.steps) {
    const inputs = new TemplateInputs(pipeline, step, step === exitHandler);
    templates.push(compileTemplate(step, inputs));
    if (step !== exitHandler) tasks.push(compileTask(pipeline, step, inputs));
  }
  const s = pipeline.settings;
  return {
    entrypoint: pipeline.name,
    ...(pipeline.parameters.length > 0 && {
      arguments: {
        parameters: pipeline.parameters.map((p) => ({
          name: p.name,
          ...(p.default !== undefined && { value: String(p.default) }),
          ...(p.enum !== undefined && { enum: p.enum.map(String) }),
          ...(p.description !== undefined && { description: p.description }),
        })),
      },
    }),
    ...(s.serviceAccountName && { serviceAccountName: s.serviceAccountName }),
    ...(s.parallelism !== undefined && { parallelism: s.parallelism }),
    ...(s.activeDeadline && { activeDeadlineSeconds: s.activeDeadline.toSeconds() }),
    ...(s.ttl && {
      ttlStrategy: {
        ...(s.ttl.afterCompletion && { secondsAfterCompletion: s.ttl.afterCompletion.toSeconds() }),
        ...(s.ttl.afterSuccess && { secondsAfterSuccess: s.ttl.afterSuccess.toSeconds() }),
        ...(s.ttl.afterFailure && { secondsAfterFailure: s.ttl.afterFailure.toSeconds() }),
      },
    }),
    ...(s.podGc && { podGC: { strategy: s.podGc } }),
    ...(s.imagePullSecrets && { imagePullSecrets: s.imagePullSecrets.map((name) => ({ name })) }),
    ...(s.nodeSelector && { nodeSelector: { ...s.nodeSelector } }),
    ...(s.tolerations && { tolerations: [...s.tolerations] }),
    ...(s.volumes && { volumes: [...s.volumes] }),
    // Runs get the pipeline's labels and annotations too (Argo copies workflowMetadata onto each Workflow).
    ...((s.labels || s.annotations) && {
      workflowMetadata: {
        ...(s.labels && { labels: { ...s.labels } }),
        ...(s.annotations && { annotations: { ...s.annotations } }),
      },
    }),
    ...(exitHandler && { onExit: exitHandler.name }),
    templates: [{ name: pipeline.name, dag: { tasks } }, ...templates],
  };
}

function compileTemplate(step: Step, inputs: TemplateInputs): ITemplate {
  const body = step.renderBody(inputs);
  const outputs = [...step.outputs].map(([name, valueFrom]) => ({ name, valueFrom }));
  const retry = step.retry;
  const metadata = {
    ...(Object.keys(step.labels).length > 0 && { labels: { ...step.labels } }),
    ...(Object.keys(step.annotations).length > 0 && { annotations: { ...step.annotations } }),
  };
  // Inputs are known only once the body has been rendered, so they are read after renderBody.
  return {
    name: step.name,
    ...(inputs.inputs.length > 0 && { inputs: { parameters: inputs.inputs.map((i) => ({ name: i.name })) } }),
    ...(outputs.length > 0 && { outputs: { parameters: outputs } }),
    ...(Object.keys(metadata).length > 0 && { metadata }),
    ...(retry && {
      retryStrategy: {
        limit: retry.limit,
        retryPolicy: retry.policy ?? 'OnFailure',
        ...(retry.backoff && {
          backoff: {
            duration: `${retry.backoff.duration.toSeconds()}s`,
            factor: retry.backoff.factor ?? 2,
            ...(retry.backoff.maxDuration && { maxDuration: `${retry.backoff.maxDuration.toSeconds()}s` }),
          },
        }),
      },
    }),
    ...(step.timeout && { activeDeadlineSeconds: step.timeout.toSeconds() }),
    ...(step.nodeSelector && { nodeSelector: { ...step.nodeSelector } }),
    ...(step.tolerations && { tolerations: [...step.tolerations] }),
    ...body,
  };
}

function compileTask(pipeline: Pipeline, step: Step, inputs: TemplateInputs): IDAGTask {
  const dependencies = step.dependencies.map((d) => d.name);
  const loop = step.forEach?.source;
  return {
    name: step.name,
    template: step.name,
    ...(dependencies.length > 0 && { dependencies }),
    ...(step.when && { when: whenExpression(pipeline, step, step.when) }),
    ...(loop?.kind === 'items' && { withItems: [...loop.items] }),
    ...(loop?.kind === 'json' && { withParam: taskExpression(pipeline, step, loop.list) }),
    ...(inputs.inputs.length > 0 && {
      arguments: { parameters: inputs.inputs.map((i) => ({ name: i.name, value: i.argument })) },
    }),
  };
}
