import { KubeObject, ObjectIndex } from './object-index';
import { Violation } from './violation';

/** The schema part a check may call on objects it finds inside others (a resource template's manifest). */
export interface ManifestSchemas {
  /** true when a schema for the type is known */
  has(apiVersion: string, kind: string): boolean;
  /** the object's schema violations, as `{ path, message, rule, fix? }` */
  validate(object: Record<string, unknown>): readonly { path: string; message: string; rule: string; fix?: string }[];
}

/** What a check may know besides the object it looks at. */
export interface CheckContext {
  /** every object of the run */
  readonly index: ObjectIndex;
  /** schemas for embedded manifests; absent when schema validation is off */
  readonly schemas?: ManifestSchemas;
}

/**
 * A semantic check: looks at one object (and the index, for cross-object facts) and returns what is wrong.
 * Checks never throw on odd shapes: malformed fields are the schema's to report, so a check skips them.
 */
export type Check = (object: KubeObject, context: CheckContext) => Violation[];
