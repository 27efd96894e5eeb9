import * as fs from 'fs';
import * as path from 'path';
import Ajv, { ValidateFunction } from 'ajv';
import { parse } from 'yaml';

let validator: ValidateFunction | undefined;

/** Validates `object` against the openAPIV3Schema of imports/tfjob-crd.yaml; returns ajv's error list (empty = valid). */
export function tfJobSchemaErrors(object: unknown): string[] {
  if (!validator) {
    const crd = parse(fs.readFileSync(path.join(__dirname, '../../imports/tfjob-crd.yaml'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
    validator = ajv.compile(crd.spec.versions[0].schema.openAPIV3Schema);
  }
  return validator(object) ? [] : (validator.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

/** What Argo does to a template before running it: replaces `{{...}}` with the given values (unknown tags stay). */
export function substitute(text: string, values: Record<string, string>): string {
  return text.replace(/\{\{([^}]+)\}\}/g, (tag, name: string) => (name in values ? values[name] : tag));
}
