import * as path from 'path';
import { Check } from '../check';
import { isRecord, KubeObject, metadataOf } from '../object-index';
import { error } from '../violation';
import { compileParameterSchema, ParameterSchema } from '../../params';

/** The label naming the pipeline a WorkflowTemplate was synthesized from. */
export const PIPELINE_LABEL = 'kfops.dev/pipeline';
/** The annotation holding the pipeline's parameters as a JSON Schema (a JSON string). */
export const PARAMETER_SCHEMA_ANNOTATION = 'kfops.dev/parameter-schema';

/** A pipeline's parameter schema and where it was found. */
export interface FoundParameterSchema {
  readonly pipeline: string;
  readonly schema: ParameterSchema;
  /** the manifest file it came from, absolute */
  readonly file: string;
}

/** The parameter schema a WorkflowTemplate carries, or undefined (none, or not valid JSON: see the check). */
export function parameterSchemaOf(object: KubeObject): { pipeline: string; schema: ParameterSchema } | undefined {
  if (object.kind !== 'WorkflowTemplate') return undefined;
  const metadata = metadataOf(object);
  const pipeline = isRecord(metadata.labels) ? metadata.labels[PIPELINE_LABEL] : undefined;
  const text = isRecord(metadata.annotations) ? metadata.annotations[PARAMETER_SCHEMA_ANNOTATION] : undefined;
  if (typeof pipeline !== 'string' || typeof text !== 'string') return undefined;
  try {
    const schema: unknown = JSON.parse(text);
    return isRecord(schema) ? { pipeline, schema } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The schemas for one params file: pipelines found in a folder named like the file's environment
 * (`prod.yaml` takes them from `.../prod/...`) win over the same pipeline found elsewhere.
 */
export function schemasForParamsFile(paramsFile: string, found: readonly FoundParameterSchema[]): Map<string, ParameterSchema> {
  const env = path.basename(paramsFile).replace(/\.ya?ml$/, '');
  const inEnv = (f: FoundParameterSchema) => f.file.split(path.sep).includes(env);
  const schemas = new Map<string, ParameterSchema>();
  for (const f of [...found.filter(inEnv), ...found.filter((f) => !inEnv(f))]) {
    if (!schemas.has(f.pipeline)) schemas.set(f.pipeline, f.schema);
  }
  return schemas;
}

/** The `kfops.dev/parameter-schema` annotation, when present, is a JSON Schema object that compiles. */
export const checkParameterSchemaAnnotation: Check = (object) => {
  const annotations = metadataOf(object).annotations;
  const text = isRecord(annotations) ? annotations[PARAMETER_SCHEMA_ANNOTATION] : undefined;
  if (typeof text !== 'string') return [];
  const path = `metadata.annotations["${PARAMETER_SCHEMA_ANNOTATION}"]`;
  let schema: unknown;
  try {
    schema = JSON.parse(text);
  } catch (err) {
    return [error(path, 'params/schema-annotation', `is not valid JSON: ${(err as Error).message}`, 'regenerate it with kfops synth')];
  }
  if (!isRecord(schema)) return [error(path, 'params/schema-annotation', 'is not a JSON Schema object', 'regenerate it with kfops synth')];
  try {
    compileParameterSchema(schema);
    return [];
  } catch (err) {
    return [error(path, 'params/schema-annotation', `does not compile as a JSON Schema: ${(err as Error).message}`, 'regenerate it with kfops synth')];
  }
};
