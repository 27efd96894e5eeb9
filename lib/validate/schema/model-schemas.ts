import Ajv, { ValidateFunction } from 'ajv';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { CompiledCache } from './compiled-cache';
import { addKubernetesFormats, FORMATS_CODE } from './formats';

/** Where `build/build-schemas.ts` writes the schemas derived from the kubernetes-models packages. */
const GENERATED_DIR = path.join(__dirname, 'generated');

/** Definition key of ObjectMeta, which CRD-backed objects' `metadata` is checked against. */
export const OBJECT_META = 'IoK8sApimachineryPkgApisMetaV1ObjectMeta';

interface KindIndex {
  readonly kinds: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

let kindIndex: KindIndex | undefined;
let definitionsText: string | undefined;
let definitionsHash: string | undefined;
const ajvByMode = new Map<boolean, Ajv>();
const validatorCache = new Map<string, ValidateFunction>();

/**
 * The definition key of a kind that kubernetes-models, argo-workflows or argo-cd declare, or undefined.
 *
 * Reads only the small kinds index; the definitions are loaded on first compile.
 */
export function modelDefinition(apiVersion: string, kind: string): string | undefined {
  const byKind = kinds()[apiVersion];
  return byKind && Object.prototype.hasOwnProperty.call(byKind, kind) ? byKind[kind] : undefined;
}

/** apiVersions under which the models declare `kind`, to suggest one when an object names an unknown version. */
export function modelApiVersionsOf(kind: string): string[] {
  const index = kinds();
  return Object.keys(index).filter((apiVersion) => Object.prototype.hasOwnProperty.call(index[apiVersion], kind));
}

function kinds(): KindIndex['kinds'] {
  kindIndex ??= JSON.parse(fs.readFileSync(path.join(GENERATED_DIR, 'kinds.json'), 'utf8')) as KindIndex;
  return kindIndex.kinds;
}

/**
 * The ajv instance that holds every model definition for a mode, created once per process.
 *
 * All validators of a mode share it, so a definition used by many kinds (PodSpec, Container, ObjectMeta) is
 * compiled once; CRD schemas are compiled into it too so their `metadata` can refer to ObjectMeta.
 *
 * @param strict closed objects (`additionalProperties: false`) when true; open ones otherwise
 */
export function sharedAjv(strict: boolean): Ajv {
  let ajv = ajvByMode.get(strict);
  if (ajv) return ajv;
  ajv = new Ajv({
    allErrors: true,
    verbose: true,
    strict: false,
    validateSchema: false,
    addUsedSchema: false,
    logger: false,
    // Keeps each validator's source so CompiledCache can write it out as a standalone module.
    code: { source: true, formats: FORMATS_CODE },
  });
  addKubernetesFormats(ajv);
  const definitions = JSON.parse(readDefinitions()) as Record<string, Record<string, unknown>>;
  for (const [key, schema] of Object.entries(definitions)) ajv.addSchema(strict ? schema : opened(schema), key);
  ajvByMode.set(strict, ajv);
  return ajv;
}

/**
 * The compiled validator of a model definition: from memory, else from the on-disk cache, else compiled (and
 * then kept in both).
 */
export function modelValidator(definition: string, strict: boolean, cache: CompiledCache): ValidateFunction {
  const cacheKey = `${strict}:${definition}`;
  let validate = validatorCache.get(cacheKey);
  if (!validate) {
    const identity = `model\u0000${strict}\u0000${definition}\u0000${modelsFingerprint()}`;
    validate = cache.get(identity, () => sharedAjv(strict), (ajv) => {
      const compiled = ajv.getSchema(definition);
      if (!compiled) throw new Error(`kfops: generated schemas lack definition ${definition}; rerun build-schemas`);
      return compiled;
    });
    validatorCache.set(cacheKey, validate);
  }
  return validate;
}

/** A hash of the generated definitions, part of every cache key whose code embeds them. */
export function modelsFingerprint(): string {
  definitionsHash ??= createHash('sha256').update(readDefinitions()).digest('hex');
  return definitionsHash;
}

function readDefinitions(): string {
  definitionsText ??= fs.readFileSync(path.join(GENERATED_DIR, 'definitions.json'), 'utf8');
  return definitionsText;
}

/** A copy of a schema with every `additionalProperties: false` dropped: the non-strict reading. */
function opened(schema: unknown): Record<string, unknown> {
  return JSON.parse(JSON.stringify(schema), (key, value: unknown) =>
    key === 'additionalProperties' && value === false ? undefined : value,
  ) as Record<string, unknown>;
}
