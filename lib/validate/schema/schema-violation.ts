/**
 * One way an object breaks its schema.
 *
 * @example { path: 'spec.replicaz', message: 'unknown field "replicaz"', rule: 'unknown-field', fix: 'rename "replicaz" to "replicas"' }
 */
export interface SchemaViolation {
  /** where in the object, as a JSON path (`spec.templates[0].container.image`); `''` is the object itself */
  readonly path: string;
  /** what is wrong and what was expected */
  readonly message: string;
  /**
   * machine-readable class: `unknown-field`, `required`, `type`, `enum`, `format`, `missing-schema`,
   * `invalid-object`, or the JSON Schema keyword that failed (`pattern`, `minimum`, ...)
   */
  readonly rule: string;
  /** how to fix it, when kfops can tell */
  readonly fix?: string;
  /** `warning` for what the API server and the reader accept but keep nothing of (a schema correction says which) @default error */
  readonly severity?: 'warning';
}
