import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { findTypeLeaks } from '../../scripts/check-package-types';

let dir: string;
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-types-')); });
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(rel: string, content: string): void {
  fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  fs.writeFileSync(path.join(dir, rel), content);
}

/** A package as npm unpacks it, with the dependencies installed below it as a project would have them. */
function packageWith(dependencies: Record<string, string>): void {
  write('package.json', JSON.stringify({ name: 'kfops', dependencies }));
  write('node_modules/typed/package.json', JSON.stringify({ name: 'typed', types: 'index.d.ts' }));
  write('node_modules/untyped/package.json', JSON.stringify({ name: 'untyped' }));
  write('node_modules/@types/untyped/package.json', JSON.stringify({ name: '@types/untyped' }));
  write('node_modules/by-path/package.json', JSON.stringify({ name: 'by-path' }));
  write('node_modules/by-path/core/v1.d.ts', 'export interface Pod {}\n');
}

describe('findTypeLeaks (scripts/check-package-types.ts)', () => {
  test('imports of Node modules, relative files and typed dependencies are fine', () => {
    packageWith({ typed: '1.0.0', 'by-path': '1.0.0' });
    write('lib/a.d.ts', [
      "import { Readable } from 'stream';",
      "import type { Stats } from 'node:fs';",
      "import { B } from './b';",
      "export { T } from 'typed';",
      "import type { Pod } from 'by-path/core/v1';",
      "export declare function f(x: import('fs/promises').FileHandle): void;",
    ].join('\n'));
    expect(findTypeLeaks(dir)).toEqual([]);
  });

  test('a devDependency, an untyped dependency without its @types package, and a reference are leaks, by file:line', () => {
    packageWith({ untyped: '1.0.0' });
    write('lib/manifest/reader.d.ts', "/// <reference types=\"jest\" />\nimport { State } from 'untyped';\n");
    write('lib/validate/plugin.d.ts', "\nexport declare function g(c: import('cdk8s-cli/plugins').ValidationContext): void;\n");
    write('lib/validate/plugin.js', "require('cdk8s-cli');\n");
    expect(findTypeLeaks(dir).sort((a, b) => (a.file + a.line < b.file + b.line ? -1 : 1))).toEqual([
      { file: 'lib/manifest/reader.d.ts', line: 1, module: 'jest', reason: 'jest is not a dependency of the package' },
      { file: 'lib/manifest/reader.d.ts', line: 2, module: 'untyped', reason: 'untyped ships no types and @types/untyped is not a dependency' },
      { file: 'lib/validate/plugin.d.ts', line: 2, module: 'cdk8s-cli/plugins', reason: 'cdk8s-cli is not a dependency of the package' },
    ]);
  });

  test('an untyped dependency whose @types package is a dependency is fine', () => {
    packageWith({ untyped: '1.0.0', '@types/untyped': '1.0.0' });
    write('lib/reader.d.ts', "import { State } from 'untyped';\n");
    expect(findTypeLeaks(dir)).toEqual([]);
  });
});
