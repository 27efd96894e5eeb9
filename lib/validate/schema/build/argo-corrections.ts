import type { JsonSchema } from './declarations-to-schema';

/** Key of the Container variant Argo templates use: the core Container without `required`. */
export const ARGO_TEMPLATE_CONTAINER = 'KfopsArgoTemplateContainer';

/**
 * Applies to the derived Argo Workflows schemas the corrections Argo itself makes where its Go types (and so the
 * OpenAPI spec the models come from) say something the controller does not:
 *
 * - `container` and `script` templates do not require `name` (Argo names the container `main`).
 * - `steps` is a list of lists of WorkflowStep: `ParallelSteps` unmarshals from a bare array, never from
 *   `{steps: [...]}`.
 * - `AnyString` (parameter `value`, `default`, `enum`) takes numbers and booleans too, and stores them as strings.
 * - Fields Argo v3.6 deprecated and v4 dropped stay valid, since most clusters and most published examples still
 *   use them: CronWorkflow `schedule` (a string; `schedules` is then not required) and `synchronization.mutex` /
 *   `semaphore`. The `argo/deprecated-field` check warns about them instead, naming the replacement.
 *
 * @see https://github.com/argoproj/argo-workflows/blob/main/hack/manifests/crds.go (`patchTemplateFields`)
 * @see https://github.com/argoproj/argo-workflows/blob/main/pkg/apis/workflow/v1alpha1/anystring.go
 */
export function applyArgoCorrections(definitions: Map<string, JsonSchema>): void {
  const template = findKey(definitions, 'PkgApisWorkflowV1alpha1Template');
  const script = findKey(definitions, 'PkgApisWorkflowV1alpha1ScriptTemplate');
  const parallelSteps = findKey(definitions, 'PkgApisWorkflowV1alpha1ParallelSteps');
  const workflowStep = findKey(definitions, 'PkgApisWorkflowV1alpha1WorkflowStep');
  const anyString = findKey(definitions, 'PkgApisWorkflowV1alpha1AnyString');
  const cronSpec = findKey(definitions, 'PkgApisWorkflowV1alpha1CronWorkflowSpec');
  const synchronization = findKey(definitions, 'PkgApisWorkflowV1alpha1Synchronization');
  const mutex = findKey(definitions, 'PkgApisWorkflowV1alpha1Mutex');
  const semaphore = findKey(definitions, 'PkgApisWorkflowV1alpha1SemaphoreRef');

  const container = { ...definitions.get('IoK8sApiCoreV1Container')! };
  delete container.required;
  definitions.set(ARGO_TEMPLATE_CONTAINER, container);
  const templateProperties = definitions.get(template)!.properties as Record<string, JsonSchema>;
  templateProperties.container = { $ref: ARGO_TEMPLATE_CONTAINER };

  delete definitions.get(script)!.required;

  const steps = definitions.get(parallelSteps)!;
  for (const keyword of Object.keys(steps)) delete steps[keyword];
  Object.assign(steps, { type: 'array', items: { $ref: workflowStep } });

  definitions.get(anyString)!.type = ['boolean', 'number', 'string'];

  const cron = definitions.get(cronSpec)!;
  (cron.properties as Record<string, JsonSchema>).schedule = { type: 'string' };
  if (Array.isArray(cron.required)) cron.required = cron.required.filter((r) => r !== 'schedules');
  const sync = definitions.get(synchronization)!.properties as Record<string, JsonSchema>;
  sync.mutex = { $ref: mutex };
  sync.semaphore = { $ref: semaphore };
}

function findKey(definitions: Map<string, JsonSchema>, suffix: string): string {
  const keys = [...definitions.keys()].filter((k) => k.startsWith('ComGithubArgoprojArgoWorkflows') && k.endsWith(suffix));
  if (keys.length !== 1) {
    throw new Error(`build-schemas: expected one Argo definition ending in ${suffix}, found ${keys.length}; review argo-corrections.ts`);
  }
  return keys[0];
}
