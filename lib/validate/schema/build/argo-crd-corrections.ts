import type { JsonSchema } from './declarations-to-schema';

/** Key of the Container variant Argo templates use: the core Container without `required`. */
export const ARGO_TEMPLATE_CONTAINER = 'KfopsArgoTemplateContainer';

/**
 * Applies to the derived Argo Workflows schemas the same corrections Argo applies to its own CRDs after generating
 * them, where the Go types (and so the OpenAPI spec the models come from) say something the controller does not.
 *
 * - `container` and `script` templates do not require `name` (Argo names the container `main`).
 * - `steps` is a list of lists of WorkflowStep: `ParallelSteps` unmarshals from a bare array, never from
 *   `{steps: [...]}`.
 *
 * @see https://github.com/argoproj/argo-workflows/blob/main/hack/manifests/crds.go (`patchTemplateFields`)
 */
export function applyArgoCrdCorrections(definitions: Map<string, JsonSchema>): void {
  const template = findKey(definitions, 'PkgApisWorkflowV1alpha1Template');
  const script = findKey(definitions, 'PkgApisWorkflowV1alpha1ScriptTemplate');
  const parallelSteps = findKey(definitions, 'PkgApisWorkflowV1alpha1ParallelSteps');
  const workflowStep = findKey(definitions, 'PkgApisWorkflowV1alpha1WorkflowStep');

  const container = { ...definitions.get('IoK8sApiCoreV1Container')! };
  delete container.required;
  definitions.set(ARGO_TEMPLATE_CONTAINER, container);
  const templateProperties = definitions.get(template)!.properties as Record<string, JsonSchema>;
  templateProperties.container = { $ref: ARGO_TEMPLATE_CONTAINER };

  delete definitions.get(script)!.required;

  const steps = definitions.get(parallelSteps)!;
  for (const keyword of Object.keys(steps)) delete steps[keyword];
  Object.assign(steps, { type: 'array', items: { $ref: workflowStep } });
}

function findKey(definitions: Map<string, JsonSchema>, suffix: string): string {
  const keys = [...definitions.keys()].filter((k) => k.startsWith('ComGithubArgoprojArgoWorkflows') && k.endsWith(suffix));
  if (keys.length !== 1) {
    throw new Error(`build-schemas: expected one Argo definition ending in ${suffix}, found ${keys.length}; review argo-crd-corrections.ts`);
  }
  return keys[0];
}
