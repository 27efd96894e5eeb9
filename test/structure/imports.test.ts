import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const LIB = path.join(__dirname, '../../lib');
// The base modules, and the generated Kubernetes and Argo types (imports/, at the repository root). The top-level
// files among them import nothing of kfops (checked below).
const BASE = /^(argo-spec|k8s-spec|guards)\/|^(user-error|suggest-name|string-map|append|text-chunks|own|path-within|user-pattern)\.ts$|^\.\.\/imports\//;

/** Every module of lib/ and the lib/ modules it imports (type-only imports included). */
function importGraph(): Map<string, string[]> {
  const files = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []);
  const graph = new Map<string, string[]>();
  for (const file of files(LIB)) {
    const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
    const targets = importedFiles.map((i) => i.fileName).filter((f) => f.startsWith('.')).map((f) => {
      const base = path.resolve(path.dirname(file), f);
      return [`${base}.ts`, path.join(base, 'index.ts')].find((c) => fs.existsSync(c)) ?? base;
    });
    graph.set(path.relative(LIB, file), targets.map((t) => path.relative(LIB, t)));
  }
  return graph;
}

describe('lib/ imports point one way', () => {
  const graph = importGraph();
  const edges = (from: RegExp, allowed: RegExp) => [...graph].flatMap(([file, targets]) =>
    (from.test(file) ? targets.filter((t) => !allowed.test(t)).map((t) => `${file} -> ${t}`) : []));

  test('the DSL imports only itself and the base modules, never the compiler', () => {
    expect(edges(/^dsl\//, new RegExp(`^dsl/|${BASE.source}`))).toEqual([]);
  });

  test('the base modules import nothing of kfops but each other', () => {
    expect(edges(/^(argo-spec|k8s-spec|guards)\//, BASE)).toEqual([]);
    expect(edges(/^(string-map|append|text-chunks|own|path-within)\.ts$/, /^$/)).toEqual([]);
  });

  test('the compiler never imports what runs after it', () => {
    expect(edges(/^argo\//, new RegExp(`^(argo|dsl)/|${BASE.source}`))).toEqual([]);
  });

  test('there are no import cycles in the DSL, the compiler, the base modules and the importer, type-only imports included', () => {
    const inScope = (f: string) => /^(dsl|argo|argo-spec|k8s-spec|guards|import)\//.test(f);
    const cycles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (file: string, trail: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'visiting') {
        cycles.push([...trail.slice(trail.indexOf(file)), file].join(' -> '));
        return;
      }
      state.set(file, 'visiting');
      for (const t of graph.get(file) ?? []) if (inScope(t)) visit(t, [...trail, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) if (inScope(file)) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
