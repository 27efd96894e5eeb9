import { UserError } from '../user-error';

/** A synthesized Kubernetes object, as cdk8s renders it. */
export interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name?: string; readonly generateName?: string; readonly namespace?: string };
  readonly [field: string]: unknown;
}

/** The identity of an object: apiVersion|kind|namespace|name (generateName for objects Argo names). */
export function objectKey(m: Manifest): string {
  return [m.apiVersion, m.kind, m.metadata.namespace ?? '', m.metadata.name ?? m.metadata.generateName ?? ''].join('|');
}

/**
 * The file an object is written to inside its environment folder: `<kind>-<name>.yaml`, lowercase, e.g.
 * `workflowtemplate-workflow1.yaml`. Objects named by generateName use it without the trailing '-'.
 * Readable, stable across runs, and unique within an environment (checked by the caller).
 */
export function manifestFileName(m: Manifest): string {
  const name = m.metadata.name ?? m.metadata.generateName?.replace(/-+$/, '');
  if (!name) throw new UserError(`a ${m.kind} has neither metadata.name nor metadata.generateName; give it a name`);
  return `${m.kind.toLowerCase()}-${name}.yaml`;
}
