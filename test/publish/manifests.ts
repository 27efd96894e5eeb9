/** Small synthesized-looking manifests for publish tests. */

/** A WorkflowTemplate with `spec.arguments.parameters`, as lib/argo writes one. */
export function workflowTemplate(name: string, params: Record<string, string | number> = {}): string {
  const parameters = Object.entries(params)
    .map(([k, v]) => `      - name: ${k}\n        value: "${v}"\n`)
    .join('');
  return (
    'apiVersion: argoproj.io/v1alpha1\n' +
    'kind: WorkflowTemplate\n' +
    `metadata:\n  name: ${name}\n  namespace: ml\n` +
    'spec:\n  entrypoint: main\n' +
    (parameters ? `  arguments:\n    parameters:\n${parameters}` : '') +
    '  templates:\n    - name: main\n      container:\n        image: busybox\n'
  );
}

/** A CronWorkflow running `template` on `schedule`. */
export function cronWorkflow(name: string, schedule = '0 3 * * *'): string {
  return (
    'apiVersion: argoproj.io/v1alpha1\nkind: CronWorkflow\n' +
    `metadata:\n  name: ${name}\n  namespace: ml\n` +
    `spec:\n  schedule: "${schedule}"\n  workflowSpec:\n    workflowTemplateRef:\n      name: ${name}\n`
  );
}

/** A kustomization listing `resources`. */
export function kustomization(resources: readonly string[]): string {
  return (
    'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n' +
    resources.map((r) => `  - ${r}\n`).join('')
  );
}
