import * as fs from 'fs';
import { pathToFileURL } from 'url';
import type { JsonSchema } from './declarations-to-schema';

interface AjvError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly params: { readonly format?: string; readonly allowedValues?: unknown[]; readonly limit?: number };
}
type CompiledValidator = ((data: unknown) => boolean) & { errors?: AjvError[] | null };

/**
 * Restores what `.d.ts` declarations cannot say - integer vs number, string/number formats (int32, date-time,
 * quantity, byte), enums of string-typed fields, `minItems`, and whether an empty `{}` type means "any JSON value"
 * or "an object" - by asking the packages' own compiled ajv validators how they treat probe values.
 *
 * Declarations say `number` for both `int32` and `double`; the compiled validator of the enclosing type rejects
 * `0.5` at that path only when upstream declared an integer. Only leaf slots are probed, each through the
 * validator of the definition that holds it, so no valid surrounding object has to be invented.
 */
export async function refineFromValidators(
  definitions: Map<string, JsonSchema>,
  validatorFiles: Map<string, string>,
): Promise<void> {
  for (const [key, schema] of definitions) {
    const file = validatorFiles.get(key);
    if (!file || !fs.existsSync(file)) continue;
    const mod = (await import(pathToFileURL(file).href)) as { validate: CompiledValidator };
    const validate = mod.validate;
    const properties = schema.properties as Record<string, JsonSchema> | undefined;
    if (isShapeless(schema)) {
      // `{}` in TypeScript: upstream JSON (any value) or an empty struct (an object).
      const acceptsScalars = validate('text');
      for (const keyword of Object.keys(schema)) delete schema[keyword];
      if (!acceptsScalars) schema.type = 'object';
    } else if (properties) {
      for (const [name, prop] of Object.entries(properties)) {
        const probe = (value: unknown): AjvError[] => errorsAt(validate, { [name]: value }, `/${name}`);
        refineSlot(prop, probe);
        // Upstream can restrict a named string type where a field uses it (ArtifactGC.strategy): enum beside $ref.
        const target = typeof prop.$ref === 'string' ? definitions.get(prop.$ref) : undefined;
        if (target && target.type === 'string' && !target.enum) {
          const allowed = probe('\u0000 not an allowed value').find((e) => e.keyword === 'enum')?.params.allowedValues;
          if (allowed) prop.enum = allowed;
        }
      }
    } else {
      refineSlot(schema, (value) => errorsAt(validate, value, ''));
    }
  }
}

/** Refines a leaf schema, or the leaf items of an array or values of a map. */
function refineSlot(schema: JsonSchema, probe: (value: unknown) => AjvError[]): void {
  if (schema.type === 'array') {
    const minItems = probe([]).find((e) => e.keyword === 'minItems')?.params.limit;
    if (minItems !== undefined) schema.minItems = minItems;
  }
  if (schema.type === 'array' && isLeaf(schema.items as JsonSchema)) {
    refineLeaf(schema.items as JsonSchema, (value) => probe([value]));
  } else if (schema.type === 'object' && isLeaf(schema.additionalProperties as JsonSchema)) {
    refineLeaf(schema.additionalProperties as JsonSchema, (value) => probe({ key: value }));
  } else if (isLeaf(schema)) {
    refineLeaf(schema, probe);
  }
}

function refineLeaf(schema: JsonSchema, probe: (value: unknown) => AjvError[]): void {
  const types = Array.isArray(schema.type) ? [...(schema.type as string[])] : [schema.type as string];
  const formats = new Set<string>();
  if (types.includes('number')) {
    if (probe(0.5).length > 0 && probe(1).length === 0) types[types.indexOf('number')] = 'integer';
    for (const value of [0.5, 2 ** 40, 2 ** 60]) collectFormats(probe(value), formats);
  }
  if (types.includes('string')) {
    const errors = probe('\u0000 not a formatted value');
    collectFormats(errors, formats);
    const allowed = errors.find((e) => e.keyword === 'enum')?.params.allowedValues;
    if (allowed && types.length === 1) schema.enum = allowed;
  }
  schema.type = types.length === 1 ? types[0] : types.sort();
  // A probe may trip a format on one branch only (IntOrString: int32 on the number); JSON Schema applies a format
  // only to values of the format's own type, so one `format` keyword is exact. Two different ones are ambiguous.
  if (formats.size === 1) schema.format = [...formats][0];
  if (formats.size > 1) throw new Error(`build-schemas: ambiguous formats ${[...formats].join(', ')}`);
}

function isShapeless(schema: JsonSchema): boolean {
  return Object.keys(schema).length === 0 || (Object.keys(schema).length === 1 && schema.type === 'object');
}

function isLeaf(schema: JsonSchema | boolean | undefined): schema is JsonSchema {
  if (!schema || typeof schema !== 'object' || schema.enum || schema.$ref) return false;
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type];
  return types.includes('number') || types.includes('string');
}

function collectFormats(errors: AjvError[], into: Set<string>): void {
  for (const e of errors) if (e.keyword === 'format' && e.params.format) into.add(e.params.format);
}

function errorsAt(validate: CompiledValidator, data: unknown, at: string): AjvError[] {
  if (validate(data)) return [];
  return (validate.errors ?? []).filter(
    (e) => e.instancePath === at || e.instancePath.startsWith(`${at}/`) || (at === '' && e.keyword !== 'required'),
  );
}
