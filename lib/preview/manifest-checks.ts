import { readManifestText } from '../manifest';
import { WHOLE_OBJECT_ACTIONS, withoutRunTimeFields } from '../validate/checks/argo/embedded-manifests';
import { PreviewProblem, PreviewResource } from './run-preview';

/**
 * The schema checks preview needs: what `SchemaRegistry` (lib/validate/schema) offers, so the real registry or a
 * test double serves.
 */
export interface SchemaCheck {
  /** true when a schema for the type is known */
  has(apiVersion: string, kind: string): boolean;
  /** the object's schema violations */
  validate(object: Record<string, unknown>): readonly { readonly path: string; readonly message: string; readonly fix?: string; readonly severity?: 'warning' }[];
}

type Obj = Record<string, unknown>;

/**
 * A resource step's manifest as the executor submits it: the substituted text read as kubectl reads it (the
 * manifest reader: YAML 1.1 scalars, so `yes` is a boolean and `4` an integer; Lists expanded), each object checked
 * against its schema. Fields holding a value known only at run time are not judged.
 *
 * @param problems where the manifest's problems go
 */
export function previewResource(step: string, resource: Obj, schemas: SchemaCheck | undefined, problems: PreviewProblem[]): PreviewResource {
  const base = {
    action: typeof resource.action === 'string' ? resource.action : '',
    ...(typeof resource.successCondition === 'string' && { successCondition: resource.successCondition }),
    ...(typeof resource.failureCondition === 'string' && { failureCondition: resource.failureCondition }),
    ...(typeof resource.setOwnerReference === 'boolean' && { setOwnerReference: resource.setOwnerReference }),
    ...(typeof resource.mergeStrategy === 'string' && { mergeStrategy: resource.mergeStrategy }),
    ...(Array.isArray(resource.flags) && { flags: resource.flags.map(String) }),
  };
  if (typeof resource.manifest !== 'string') return { ...base, objects: [] };
  const parsed = parseManifest(resource.manifest);
  if (typeof parsed === 'string') {
    problems.push({
      step, path: 'manifest', severity: 'error', message: `the manifest cannot be read once the values are in: ${parsed}`,
      fix: 'quote the {{...}} values in the manifest, or keep ": " and "#" out of the parameters they come from',
    });
    return { ...base, objects: [], text: resource.manifest };
  }
  const objects = parsed;
  if (schemas && WHOLE_OBJECT_ACTIONS.has(base.action)) {
    for (const object of objects) checkObject(step, object, schemas, problems);
  }
  return { ...base, objects };
}

const PARSE_CACHE_SIZE = 256;
const parsedManifests = new Map<string, readonly Obj[] | string>();

/**
 * The objects of a manifest text, or why it cannot be read (`manifest:3:5: YAML syntax error: ...`). YAML parsing is
 * most of a preview's time and the two sides of a diff share most manifests, so each text is parsed once; the
 * objects are shared and must not be modified.
 */
function parseManifest(text: string): readonly Obj[] | string {
  const cached = parsedManifests.get(text);
  if (cached !== undefined) return cached;
  const read = readManifestText(text, 'manifest');
  const result = read.problems.length > 0 ? read.problems[0].message : read.entries.map((e) => e.object);
  if (parsedManifests.size >= PARSE_CACHE_SIZE) parsedManifests.delete(parsedManifests.keys().next().value as string);
  parsedManifests.set(text, result);
  return result;
}

function checkObject(step: string, object: Obj, schemas: SchemaCheck, problems: PreviewProblem[]): void {
  if (typeof object.apiVersion !== 'string' || typeof object.kind !== 'string') {
    problems.push({ step, path: 'manifest', severity: 'error', message: 'the manifest is not a Kubernetes object with apiVersion and kind', fix: 'write the object to create, with apiVersion, kind and metadata' });
    return;
  }
  if (!schemas.has(object.apiVersion, object.kind)) {
    problems.push({ step, path: 'manifest', severity: 'warning', message: `no schema for ${object.apiVersion} ${object.kind}, so the manifest was only parsed`, fix: 'add its CRD to imports/' });
    return;
  }
  for (const v of withoutRunTimeFields(schemas.validate(object), object)) {
    problems.push({ step, path: `manifest ${v.path || '(root)'}`, severity: v.severity ?? 'error', message: `${object.kind} ${v.message}`, ...(v.fix && { fix: v.fix }) });
  }
}

/**
 * A step's container checked as Kubernetes will see it in the pod: env values, ports, resources. Argo's own
 * fields (`source` of a script) are left out.
 */
export function checkContainer(step: string, container: Obj, schemas: SchemaCheck | undefined, problems: PreviewProblem[]): void {
  if (!schemas?.has('v1', 'Pod')) return;
  const { source: _source, ...fields } = container;
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'preview' }, spec: { containers: [{ name: 'main', ...fields }] } };
  for (const v of withoutRunTimeFields(schemas.validate(pod), pod)) {
    problems.push({ step, path: v.path.replace(/^spec\.containers\[0\]/, 'container'), severity: v.severity ?? 'error', message: v.message, ...(v.fix && { fix: v.fix }) });
  }
}
