/**
 * Checks a packed kfops (the folder `npm pack`'s tarball unpacks to) for declaration files that need a package the
 * installing project does not get: every `.d.ts` may import only Node's modules (their types are `@types/node`,
 * which every TypeScript project on Node has) and packages that are `dependencies` and carry types, their own or an
 * `@types/` package that is a dependency too. A `.d.ts` importing a devDependency breaks every project that
 * type-checks kfops' declarations (TS7016 without skipLibCheck).
 *
 *   npx tsx scripts/check-package-types.ts DIR   # exit 1 listing file:line: 'module' for each offender
 *
 * .ci/run runs it on the tarball it packs.
 */
import * as fs from 'fs';
import { builtinModules } from 'module';
import * as path from 'path';
import * as ts from 'typescript';

/** One import of a declaration file that an installing project cannot resolve to types. */
export interface TypeLeak {
  /** The declaration file, relative to the package, with `/` separators. */
  readonly file: string;
  readonly line: number;
  /** The module specifier as written (`js-yaml`, `cdk8s-cli/plugins`). */
  readonly module: string;
  /** Why a project installing the package has no types for it. */
  readonly reason: string;
}

const NODE_MODULES = new Set(builtinModules);

/** Every import of a package in `packageDir`'s declaration files that its dependencies do not provide types for. */
export function findTypeLeaks(packageDir: string): TypeLeak[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  const dependencies = new Set(Object.keys(manifest.dependencies ?? {}));
  const leaks: TypeLeak[] = [];
  for (const file of declarationFiles(packageDir)) {
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    for (const { module, position } of importedModules(source)) {
      const reason = missingTypes(module, dependencies, packageDir);
      if (reason === undefined) continue;
      const line = source.getLineAndCharacterOfPosition(position).line + 1;
      leaks.push({ file: path.relative(packageDir, file).split(path.sep).join('/'), line, module, reason });
    }
  }
  return leaks;
}

/** Why `module` has no types for an installing project, or undefined when it has them. */
function missingTypes(module: string, dependencies: ReadonlySet<string>, packageDir: string): string | undefined {
  if (module.startsWith('.') || module.startsWith('/')) return undefined;
  const bare = module.replace(/^node:/, '');
  if (module.startsWith('node:') || NODE_MODULES.has(bare) || NODE_MODULES.has(bare.split('/')[0])) return undefined;
  const name = module.startsWith('@') ? module.split('/').slice(0, 2).join('/') : module.split('/')[0];
  if (!dependencies.has(name)) return `${name} is not a dependency of the package`;
  const typesPackage = `@types/${name.startsWith('@') ? name.slice(1).replace('/', '__') : name}`;
  if (hasOwnTypes(name, module, packageDir) || dependencies.has(typesPackage)) return undefined;
  return `${name} ships no types and ${typesPackage} is not a dependency`;
}

/**
 * True when the installed package has types for `module`: declared in its package.json (`types`, `typings`, types in
 * `exports`), or a declaration file at the module's path (`kubernetes-types/core/v1` -> core/v1.d.ts).
 */
function hasOwnTypes(name: string, module: string, packageDir: string): boolean {
  const folder = [packageDir, __dirname].map((d) => packageFolder(name, d)).find((f) => f !== undefined);
  if (!folder) return false;
  const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8')) as { types?: string; typings?: string; exports?: unknown };
  if (manifest.types || manifest.typings || JSON.stringify(manifest.exports ?? null).includes('"types"')) return true;
  const subpath = path.join(folder, module.slice(name.length));
  return [`${subpath}.d.ts`, path.join(subpath, 'index.d.ts')].some((f) => fs.existsSync(f));
}

/** The folder `name` is installed in, as Node finds it from `from`. */
function packageFolder(name: string, from: string): string | undefined {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** The modules a declaration file refers to: imports, re-exports, `import('x')` types and `/// <reference types>`. */
function importedModules(source: ts.SourceFile): Array<{ module: string; position: number }> {
  const found: Array<{ module: string; position: number }> = [];
  for (const ref of source.typeReferenceDirectives) found.push({ module: ref.fileName, position: ref.pos });
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ module: node.moduleSpecifier.text, position: node.moduleSpecifier.getStart(source) });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push({ module: node.argument.literal.text, position: node.argument.getStart(source) });
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)
      && ts.isStringLiteral(node.moduleReference.expression)) {
      found.push({ module: node.moduleReference.expression.text, position: node.moduleReference.expression.getStart(source) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function declarationFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : declarationFiles(full);
    return entry.isFile() && /\.d\.[cm]?ts$/.test(entry.name) ? [full] : [];
  });
}

if (require.main === module) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: npx tsx scripts/check-package-types.ts DIR (an unpacked kfops package)');
    process.exit(2);
  }
  const leaks = findTypeLeaks(path.resolve(dir));
  for (const leak of leaks) console.error(`${leak.file}:${leak.line}: '${leak.module}': ${leak.reason}`);
  if (leaks.length > 0) {
    console.error(`${leaks.length} import${leaks.length === 1 ? '' : 's'} in kfops' declarations that an installing project has no types for: `
      + 'make the package a dependency (with its @types/ package if it has no types of its own), or keep its types out of the declarations');
    process.exit(1);
  }
  console.log(`declarations checked: every import resolves to a dependency with types`);
}
