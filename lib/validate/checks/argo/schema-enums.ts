import { ManifestSchemas } from '../../check';

const PROBE_ACTION = 'kfops-probe';
const cache = new WeakMap<ManifestSchemas, boolean>();

/**
 * Whether the schemas in use already enumerate `resource.action`: Argo declares the actions with a kubebuilder
 * `Enum` marker from v4.0 (the enum facts of lib/validate/schema), and the schema walker then reports a bad one.
 * The semantic rule (Argo's `validateLeaf` check, which v3.6 and v3.7 have only in code) stays silent there, so
 * each mistake is reported once. Asked of the schemas themselves, once per registry, rather than of a version
 * number, so it holds for whatever releases are selected.
 */
export function schemasEnumerateResourceAction(schemas: ManifestSchemas | undefined): boolean {
  if (!schemas) return false;
  let known = cache.get(schemas);
  if (known === undefined) {
    const probe = {
      apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { name: 'probe' },
      spec: { entrypoint: 'probe', templates: [{ name: 'probe', resource: { action: PROBE_ACTION, manifest: 'x' } }] },
    };
    known = schemas.validate(probe).some((v) => v.rule === 'enum' && v.path.endsWith('resource.action'));
    cache.set(schemas, known);
  }
  return known;
}
