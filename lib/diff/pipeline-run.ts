import type { PreviewInput } from '../preview';
import { UserError } from '../user-error';
import { parameterSchemaOf } from '../validate/params/parameter-schemas';
import { pipelineName, workflowSpec } from './argo-pipeline';
import { ManifestObject } from './manifest-object';

type Obj = Record<string, unknown>;

/** The objects a pipeline object's run may refer to, read only when it does. */
export interface RunObjects {
  /** The objects of its environment: WorkflowTemplates a `workflowTemplateRef` or `templateRef` names, triggers. */
  env(): readonly ManifestObject[];
  /** Every object of the tree: ClusterWorkflowTemplates may sit in another folder. */
  all(): readonly ManifestObject[];
}

/**
 * What a run of a pipeline object starts from, for `previewRun`: a WorkflowTemplate runs as
 * `argo submit --from workflowtemplate/<name>` submits it (`generateName: <name>-`), a CronWorkflow as its
 * schedule does (named at run time), a Workflow as it is; a `workflowTemplateRef` brings in the template's spec.
 *
 * @param file the object's file as messages name it (`dist/prod/workflowtemplate-workflow1.yaml`)
 * @param withTriggers list the CronWorkflows and Workflows of the environment that run a WorkflowTemplate
 * @throws UserError (exit 2) when a `workflowTemplateRef` names a template that is not there
 */
export function previewInput(object: ManifestObject, objects: RunObjects, file: string, withTriggers = false): Omit<PreviewInput, 'overrides' | 'schemas'> {
  const { body, ref } = object;
  const metadata = (body.metadata ?? {}) as Obj;
  const spec = workflowSpec(body);
  const byName = (kind: string, name: string) => (kind === 'ClusterWorkflowTemplate' ? objects.all() : objects.env())
    .find((o) => o.ref.kind === kind && o.ref.name === name);
  const lookup = (name: string, cluster: boolean) => {
    const found = byName(cluster ? 'ClusterWorkflowTemplate' : 'WorkflowTemplate', name);
    return found ? workflowSpec(found.body) : undefined;
  };
  const templateRef = spec.workflowTemplateRef as Obj | undefined;
  const template = templateRef ? byName(templateRef.clusterScope === true ? 'ClusterWorkflowTemplate' : 'WorkflowTemplate', String(templateRef.name)) : undefined;
  if (templateRef && !template) {
    throw new UserError(`${file}: ${ref.kind} ${ref.name} runs WorkflowTemplate '${String(templateRef.name)}', which is not in the same environment (synthesize it, or preview the template)`, 2);
  }
  const isTemplate = ref.kind === 'WorkflowTemplate' || ref.kind === 'ClusterWorkflowTemplate';
  const templateName = isTemplate ? ref.name : template?.ref.name;
  const labels: Record<string, string> = ref.kind === 'Workflow' ? stringMap(metadata.labels) : {};
  if (templateName) {
    const cluster = (isTemplate ? ref.kind : template?.ref.kind) === 'ClusterWorkflowTemplate';
    labels[cluster ? 'workflows.argoproj.io/cluster-workflow-template' : 'workflows.argoproj.io/workflow-template'] = templateName;
  }
  if (ref.kind === 'CronWorkflow') labels['workflows.argoproj.io/cron-workflow'] = ref.name;
  const fixedName = ref.kind === 'Workflow' && typeof metadata.name === 'string' ? metadata.name : undefined;
  const schema = parameterSchemaOf(isTemplate ? body : template?.body ?? body);
  return {
    pipeline: pipelineName(body),
    env: ref.env,
    source: { file, kind: ref.kind, name: ref.name, ...(ref.namespace && { namespace: ref.namespace }) },
    run: {
      ...(fixedName !== undefined ? { name: fixedName } : { generateName: ref.kind === 'Workflow' ? ref.name : `${ref.name}-` }),
      namespace: ref.namespace || 'default',
      labels,
      annotations: ref.kind === 'Workflow' ? stringMap(metadata.annotations) : {},
    },
    spec,
    ...(template && { templateSpec: workflowSpec(template.body) }),
    lookup,
    ...(schema && { parameterSchema: schema.schema }),
    triggers: isTemplate && withTriggers ? triggersOf(objects.env(), ref.name) : [],
  };
}

/** The CronWorkflows and Workflows of an environment that run a WorkflowTemplate. */
function triggersOf(objects: readonly ManifestObject[], template: string): string[] {
  const out: string[] = [];
  for (const o of objects) {
    const ref = workflowSpec(o.body).workflowTemplateRef as Obj | undefined;
    if (!ref || ref.name !== template || ref.clusterScope === true) continue;
    if (o.ref.kind === 'CronWorkflow') {
      const cron = (o.body.spec ?? {}) as Obj;
      const schedules = Array.isArray(cron.schedules) ? cron.schedules.map(String) : typeof cron.schedule === 'string' ? [cron.schedule] : [];
      out.push(`CronWorkflow ${o.ref.name} (${[...schedules, ...(typeof cron.timezone === 'string' ? [cron.timezone] : [])].join(', ')})`);
    } else if (o.ref.kind === 'Workflow') {
      const hook = stringMap(((o.body.metadata ?? {}) as Obj).annotations)['argocd.argoproj.io/hook'];
      out.push(`Workflow ${o.ref.name}${hook ? ` (Argo CD ${hook} hook)` : ''}`);
    }
  }
  return out.sort();
}

function stringMap(value: unknown): Record<string, string> {
  if (value === null || typeof value !== 'object') return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
}
