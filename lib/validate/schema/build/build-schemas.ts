/**
 * Regenerates `lib/validate/schema/generated/` from the installed kubernetes-models packages.
 *
 * Run after upgrading kubernetes-models, @kubernetes-models/argo-workflows or @kubernetes-models/argo-cd:
 * `npx tsx lib/validate/schema/build/build-schemas.ts [outDir]` (outDir defaults to `../generated`). Output is deterministic (sorted keys, no timestamps), so an
 * unchanged install regenerates byte-identical files and a diff shows exactly what upstream changed.
 */
import * as fs from 'fs';
import * as path from 'path';
import { applyApiextensionsCorrections } from './apiextensions-corrections';
import { applyArgoCorrections } from './argo-corrections';
import { declarationsToSchemas, JsonSchema, KindEntry } from './declarations-to-schema';
import { refineFromValidators } from './refine-from-validators';

/** Packages whose top-level kinds are turned into schemas. */
const PACKAGES = ['kubernetes-models', '@kubernetes-models/argo-workflows', '@kubernetes-models/argo-cd'];

const repoRoot = path.resolve(__dirname, '../../../..');
const outDir = path.resolve(process.argv[2] ?? path.join(__dirname, '../generated'));

async function main(): Promise<void> {
  const kindFiles: string[] = [];
  const versions: Record<string, string> = {};
  for (const pkg of PACKAGES) {
    const root = path.join(repoRoot, 'node_modules', pkg);
    versions[pkg] = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
    kindFiles.push(...findKindFiles(root));
  }
  const derived = declarationsToSchemas(kindFiles.sort());
  await refineFromValidators(derived.definitions, derived.validatorFiles);
  applyArgoCorrections(derived.definitions);
  applyApiextensionsCorrections(derived.definitions);

  const kinds: Record<string, Record<string, string>> = {};
  for (const entry of [...derived.kinds].sort(byKind)) {
    const byVersion = (kinds[entry.apiVersion] ??= {});
    if (byVersion[entry.kind] && byVersion[entry.kind] !== entry.definition) {
      throw new Error(`build-schemas: ${entry.apiVersion} ${entry.kind} is declared by two packages`);
    }
    byVersion[entry.kind] = entry.definition;
  }
  const definitions: Record<string, JsonSchema> = {};
  for (const key of [...derived.definitions.keys()].sort()) definitions[key] = derived.definitions.get(key)!;

  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'definitions.json'), `${JSON.stringify(definitions)}\n`);
  fs.writeFileSync(path.join(outDir, 'kinds.json'), `${JSON.stringify({ generatedFrom: versions, kinds }, null, 1)}\n`);
  console.log(`build-schemas: ${derived.kinds.length} kinds, ${derived.definitions.size} definitions -> ${outDir}`);
}

/** `.d.ts` files (outside `_schemas/`) that declare an interface extending `TypeMeta`, i.e. a top-level kind. */
function findKindFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '_schemas' && entry.name !== 'node_modules') walk(full);
      } else if (entry.name.endsWith('.d.ts') && /extends TypeMeta\b/.test(fs.readFileSync(full, 'utf8'))) {
        found.push(full);
      }
    }
  };
  walk(root);
  return found;
}

function byKind(a: KindEntry, b: KindEntry): number {
  const x = `${a.apiVersion} ${a.kind}`;
  const y = `${b.apiVersion} ${b.kind}`;
  return x < y ? -1 : x > y ? 1 : 0;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
