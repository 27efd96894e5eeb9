/** The parts of a result that name an object. */
export interface ObjectIdentity {
  readonly file: string;
  readonly line?: number;
  readonly kind?: string;
  readonly namespace?: string;
  readonly name?: string;
}

/**
 * The one prefix every report uses to name an object: `dist/prod/train.yaml - WorkflowTemplate kfops/train`.
 *
 * The line is added when the object is one of several documents in its file (`bundle.yaml:120 - ...`); file-level
 * results are just the file.
 */
export function describeObject(id: ObjectIdentity): string {
  const where = id.line !== undefined ? `${id.file}:${id.line}` : id.file;
  const what = describeKindName(id);
  return what === undefined ? where : `${where} - ${what}`;
}

/** The object part of the prefix, `WorkflowTemplate kfops/train`; undefined for file-level results. */
export function describeKindName(id: ObjectIdentity): string | undefined {
  if (id.kind === undefined) return undefined;
  const name = id.name ?? '(unnamed)';
  return `${id.kind} ${id.namespace ? `${id.namespace}/${name}` : name}`;
}
