import { MASKED } from '../validate/checks/security/secret-finding';
import { isSecretNamedValue, scanSecrets } from '../validate/checks/security/secret-scan';
import { PreviewStep, RunPreview } from './run-preview';

/**
 * A preview with every secret masked the way `kfops diff` masks them, by the detector behind validate's security
 * checks: parameters and inputs with secret values, env values and args of containers, and the objects of
 * resource steps (Secret data, secret env values, credentials by shape). A secret parameter's value is also masked
 * wherever substitution copied it (`--password=<value>`), since there it has no name to be recognised by.
 */
export function maskPreview(preview: RunPreview): RunPreview {
  const secrets = new Set<string>();
  const parameters = preview.parameters.map((p) => {
    if (!isSecretNamedValue(p.name, p.value)) return p;
    secrets.add(p.value);
    return { ...p, value: MASKED };
  });
  for (const step of preview.steps) {
    for (const [k, v] of Object.entries(step.inputs)) if (isSecretNamedValue(k, v)) secrets.add(v);
  }
  return { ...preview, parameters, steps: preview.steps.map((s) => maskCopies(maskStep(s), [...secrets])) };
}

function maskStep(step: PreviewStep): PreviewStep {
  return {
    ...step,
    ...(step.container && { container: maskContainer(step.container) }),
    ...(step.resource && {
      resource: {
        ...step.resource,
        objects: step.resource.objects.map((o) => scanSecrets(o).masked as Record<string, unknown>),
        ...(step.resource.text !== undefined && { text: scanSecrets(step.resource.text).masked as string }),
      },
    }),
  };
}

function maskContainer(container: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  // Scanned as the pod the container runs in, so its env list reads as a pod's.
  const pod = { apiVersion: 'v1', kind: 'Pod', spec: { containers: [container] } };
  return (scanSecrets(pod).masked as typeof pod).spec.containers[0];
}

/** Every copy of a secret value in every string of a value, replaced by MASKED; the value itself when there is none. */
function maskCopies<T>(value: T, secrets: readonly string[]): T {
  // A value of a few characters would mask unrelated text; such a secret is not worth hiding from a reviewer.
  const worth = secrets.filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
  if (worth.length === 0) return value;
  const visit = (v: unknown): unknown => {
    if (typeof v === 'string') return worth.reduce((text, secret) => text.split(secret).join(MASKED), v);
    if (Array.isArray(v)) return v.map(visit);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, c]) => [k, visit(c)]));
    return v;
  };
  return visit(value) as T;
}
