import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SchemaRegistry, SchemaRegistryOptions } from '../../../lib/validate/schema';

/** Fixtures of this area. */
export const FIXTURES = path.join(__dirname, '../../fixtures/validate/schema');

/** A registry for an empty project (no `imports/`), plus the given options. */
export async function loadRegistry(options: Partial<SchemaRegistryOptions> = {}): Promise<SchemaRegistry> {
  const cwd = options.cwd ?? fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-schema-'));
  return SchemaRegistry.load({ ...options, cwd });
}

/** The rules and paths of violations, the part most assertions care about. */
export function rulesAt(violations: readonly { path: string; rule: string }[]): string[] {
  return violations.map((v) => `${v.rule} ${v.path}`);
}
