import { placeholdTags, SubstitutionError } from '../argo-spec/substitute';
import { isManifestReadError, parseYamlDocuments } from '../manifest';
import type { PreviewInput } from '../preview';
import { UserError } from '../user-error';
import { parameterSchemaOf } from '../validate/params/parameter-schemas';
import { pipelineName, workflowSpec } from './argo-pipeline';
import { ManifestObject } from './manifest-object';
import { stringMap } from '../string-map';

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

/**
 * The CronWorkflows and Workflows of an environment that run a WorkflowTemplate: through their own
 * `workflowTemplateRef`, or through a resource template whose manifest creates a Workflow that refers to it (the
 * Argo CD hook Workflow kfops synthesizes for runs on sync creates `generateName: <pipeline>-` runs this way).
 */
function triggersOf(objects: readonly ManifestObject[], template: string): string[] {
  const out: string[] = [];
  for (const o of objects) {
    if (o.ref.kind !== 'CronWorkflow' && o.ref.kind !== 'Workflow') continue;
    const spec = workflowSpec(o.body);
    const through = runsTemplate(spec, template) ? '' : creatingTemplate(spec, template);
    if (through === undefined) continue;
    const how = through === '' ? '' : `, through its resource template ${through}`;
    if (o.ref.kind === 'CronWorkflow') {
      const cron = (o.body.spec ?? {}) as Obj;
      const schedules = Array.isArray(cron.schedules) ? cron.schedules.map(String) : typeof cron.schedule === 'string' ? [cron.schedule] : [];
      out.push(`CronWorkflow ${o.ref.name} (${[...schedules, ...(typeof cron.timezone === 'string' ? [cron.timezone] : [])].join(', ')})${how}`);
    } else {
      const hook = stringMap(((o.body.metadata ?? {}) as Obj).annotations)['argocd.argoproj.io/hook'];
      out.push(`Workflow ${o.ref.name}${hook ? ` (Argo CD ${hook} hook)` : ''}${how}`);
    }
  }
  return out.sort();
}

/** True when a workflow spec runs the WorkflowTemplate named `template` (not a ClusterWorkflowTemplate). */
function runsTemplate(spec: Obj, template: string): boolean {
  const ref = spec.workflowTemplateRef as Obj | undefined;
  return ref !== undefined && ref !== null && ref.name === template && ref.clusterScope !== true;
}

/** The name of the resource template that creates a Workflow running `template`, if one does. */
function creatingTemplate(spec: Obj, template: string): string | undefined {
  for (const t of Array.isArray(spec.templates) ? spec.templates as Obj[] : []) {
    const resource = t?.resource as Obj | undefined;
    if (!resource || !['create', 'apply', 'replace'].includes(String(resource.action)) || typeof resource.manifest !== 'string') continue;
    if (manifestObjects(resource.manifest).some((m) => m.kind === 'Workflow' && runsTemplate((m.spec ?? {}) as Obj, template))) return String(t.name);
  }
  return undefined;
}

/** The objects of a resource manifest, read by the manifest reader with its tags as placeholders; none when unreadable. */
function manifestObjects(manifest: string): Obj[] {
  try {
    return parseYamlDocuments(placeholdTags(manifest), 'manifest').filter((d): d is Obj => d !== null && typeof d === 'object' && !Array.isArray(d));
  } catch (err) {
    if (err instanceof SubstitutionError || isManifestReadError(err)) return [];
    throw err;
  }
}

