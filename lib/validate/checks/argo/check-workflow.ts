import { Check } from '../../check';
import { removedInV4 } from './argo-version';
import { isRecord } from '../../object-index';
import { Violation } from '../../violation';
import { dagRules, stepsRules } from './dag-rules';
import { deprecatedSynchronization } from './deprecated-sync';
import { globalScope } from './global-scope';
import { invocationRules } from './invocation-rules';
import { ioRules } from './io-rules';
import { leafRules } from './leaf-rules';
import { resourceManifestRules } from './resource-manifests';
import { templateRules } from './template-rules';
import { variableRules } from './variable-rules';
import { workflowRules } from './workflow-rules';
import { callsOf, dagTasks, stepGroups, TemplateInfo, workflowModel, WorkflowModel } from './workflow-model';

/**
 * Argo's own validation of a Workflow, WorkflowTemplate, ClusterWorkflowTemplate or CronWorkflow spec, as its
 * `workflow/validate` package runs it before accepting a submission (or `argo template lint` for templates), plus
 * what is sure to break when the run gets there. The spec is read once into a model; each rule group walks it.
 *
 * @see https://github.com/argoproj/argo-workflows/blob/main/workflow/validate/validate.go
 */
export const checkArgoWorkflow: Check = (object, context) => {
  const model = workflowModel(object, context.index);
  if (!model) return [];
  const violations: Violation[] = [...workflowRules(model)];
  const leaf = { model, argoVersion: context.argoVersion, schemas: context.schemas };
  for (const info of templatesToCheck(model)) {
    violations.push(...templateRules(info), ...ioRules(info), ...leafRules(info, leaf), ...dagRules(info), ...stepsRules(info));
    for (const call of dagTasks(info)) violations.push(...invocationRules({ call, what: 'task' }, model));
    for (const call of stepGroups(info).flat()) violations.push(...invocationRules({ call, what: 'step' }, model));
  }
  violations.push(...variableRules(model, globalScope(model)), ...resourceManifestRules(object, context), ...deprecatedSynchronization(model, removedInV4(context)));
  return violations;
};

/** The spec's templates and the `inline` templates of their tasks and steps, which Argo validates the same way. */
function templatesToCheck(model: WorkflowModel): TemplateInfo[] {
  const found: TemplateInfo[] = [];
  const queue = [...model.templates];
  while (queue.length > 0) {
    const info = queue.shift() as TemplateInfo;
    found.push(info);
    for (const call of callsOf(info)) {
      if (!isRecord(call.node.inline)) continue;
      const target = model.target(call);
      if (target.kind === 'found') queue.push(target.info);
    }
  }
  return found;
}
