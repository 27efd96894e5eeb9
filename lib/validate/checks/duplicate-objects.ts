import { Check } from '../check';
import { KubeObject, nameOf, namespaceOf, ObjectIndex } from '../object-index';
import { error } from '../violation';

const cache = new WeakMap<ObjectIndex, Map<string, KubeObject[]>>();

/** The identity the API server stores an object under: API group (not version), kind, namespace and name. */
function identity(object: KubeObject): string | undefined {
  const name = nameOf(object);
  if (name === undefined || name === '' || typeof object.kind !== 'string' || typeof object.apiVersion !== 'string') return undefined;
  const slash = object.apiVersion.lastIndexOf('/');
  const group = slash < 0 ? '' : object.apiVersion.slice(0, slash);
  return JSON.stringify([group, object.kind, namespaceOf(object) ?? '', name]);
}

function objectsByIdentity(index: ObjectIndex): Map<string, KubeObject[]> {
  let found = cache.get(index);
  if (!found) {
    found = new Map();
    for (const object of index.objects) {
      const key = identity(object);
      if (key === undefined) continue;
      const same = found.get(key) ?? [];
      same.push(object);
      found.set(key, same);
    }
    cache.set(index, found);
  }
  return found;
}

/**
 * The same object (API group, kind, namespace, name) twice in one run: applying both, the second silently replaces
 * the first, so one of them never takes effect. Reported on every copy after the first, naming both files.
 */
export const checkDuplicateObjects: Check = (object, { index, sourceOf }) => {
  const key = identity(object);
  if (key === undefined) return [];
  const same = objectsByIdentity(index).get(key) ?? [];
  const position = same.indexOf(object);
  if (position <= 0) return [];
  const where = (o: KubeObject) => sourceOf?.(o) ?? 'another document';
  const namespace = namespaceOf(object);
  return [error('metadata.name', 'input/duplicate-object',
    `${String(object.kind)} "${nameOf(object)}"${namespace ? ` in namespace "${namespace}"` : ''} is defined twice: in ${where(same[0])} and in ${where(object)}`,
    'keep one definition, or give the objects different names or namespaces')];
};
