import { KubeObject, ObjectIndex } from './object-index';
import { Violation } from './violation';

/** The schema part a check may call on objects it finds inside others (a resource template's manifest). */
export interface ManifestSchemas {
  /** true when a schema for the type is known */
  has(apiVersion: string, kind: string): boolean;
  /** the object's schema violations, as `{ path, message, rule, fix? }` */
  validate(object: Record<string, unknown>): readonly { path: string; message: string; rule: string; fix?: string; severity?: 'warning' }[];
}

/** What a check may know besides the object it looks at. */
export interface CheckContext {
  /** every object of the run */
  readonly index: ObjectIndex;
  /**
   * the run's strategic-merge patches: partial objects a kustomization merges into the object of their kind and name
   * (not objects of their own), for what its build adds @default none
   */
  readonly patches?: ObjectIndex;
  /** schemas for embedded manifests; absent when schema validation is off */
  readonly schemas?: ManifestSchemas;
  /** where an object of the run was read from (`dist/a.yaml:12`), for messages that name another object's file */
  readonly sourceOf?: (object: KubeObject) => string | undefined;
  /** the file an object of the run was read from, as reports name it (`dist/a.yaml`) */
  readonly fileOf?: (object: KubeObject) => string | undefined;
  /**
   * The Argo Workflows version the cluster runs (`'4.1'`). Rules only some versions enforce are errors from that
   * version on and warnings when it is not known.
   */
  readonly argoVersion?: string;
  /**
   * The Training Operator release the schemas are of (`'1.9'`), for the webhook rules of fields only some releases
   * have @default - the newest rules
   */
  readonly trainingOperatorVersion?: string;
}

/**
 * A semantic check: looks at one object (and the index, for cross-object facts) and returns what is wrong.
 * Checks never throw on odd shapes: malformed fields are the schema's to report, so a check skips them.
 */
export type Check = (object: KubeObject, context: CheckContext) => Violation[];
