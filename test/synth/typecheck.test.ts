import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { synth } from '../../lib/synth/synth';
import { entryOfCommand } from '../../lib/synth/app-command';
import { treeBytes } from '../helpers/tree-bytes';

const repoModules = path.resolve(__dirname, '..', '..', 'node_modules');

// Declares the little of Node it uses, so the program stays small (no @types/node) and the check fast.
const APP = `import { limits } from './limits';

declare const process: { env: Record<string, string | undefined> };
declare function require(module: string): any;
const fs = require('fs');
const path = require('path');

const dir = path.join(process.env.CDK8S_OUTDIR ?? 'dist', 'dev');
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, 'configmap-limits.yaml'), \`apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: limits\\ndata:\\n  cpu: "\${limits.cpu ?? ''}"\\n\`);
`;
const limits = (value: string) => `export interface Limits {\n  readonly cpu?: number;\n}\n\nexport const limits: Limits = ${value};\n`;

/**
 * A tiny TypeScript project: main.ts imports limits.ts; typescript and tsx come from the repository, so the type
 * check's cache lands in the project's own node_modules/.cache.
 */
function project(limitsValue: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-typecheck-')));
  fs.mkdirSync(path.join(dir, 'node_modules'));
  fs.symlinkSync(path.join(repoModules, 'typescript'), path.join(dir, 'node_modules', 'typescript'));
  fs.symlinkSync(path.join(repoModules, 'tsx'), path.join(dir, 'node_modules', 'tsx'));
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { strict: true, target: 'ES2022', module: 'commonjs', moduleResolution: 'node', types: [], ignoreDeprecations: '6.0' },
    include: ['**/*.ts'],
  }));
  fs.writeFileSync(path.join(dir, 'main.ts'), APP);
  fs.writeFileSync(path.join(dir, 'limits.ts'), limits(limitsValue));
  // Tests are not the app's program: a type error here must not fail synth.
  fs.mkdirSync(path.join(dir, 'test'));
  fs.writeFileSync(path.join(dir, 'test', 'main.test.ts'), 'const n: number = "not a number";\nexport { n };\n');
  fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), 'app: node --require tsx/cjs main.ts\n');
  fs.mkdirSync(path.join(dir, 'dist', 'dev'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'dist', 'dev', 'old.yaml'), 'kept: true\n');
  fs.writeFileSync(path.join(dir, 'dist', 'construct-metadata.json'), '{}\n');
  return dir;
}

describe('synth type-checks the app', () => {
  test('a type error in an imported file fails synth with file:line:col and leaves the output untouched', async () => {
    const dir = project("{ cpu: '2' }");
    await expect(synth({ cwd: dir, app: 'main.ts', typecheck: true })).rejects.toMatchObject({
      exitCode: 1,
      message: 'type check failed with 1 error; dist was left as it was (fix them, or synth without type checking: --no-typecheck):\n'
        + "  limits.ts:5:33: error TS2322: Type 'string' is not assignable to type 'number'.",
    });
    expect(treeBytes(path.join(dir, 'dist'))).toEqual({ 'construct-metadata.json': '{}\n', 'dev/old.yaml': 'kept: true\n' });
    expect(fs.readdirSync(path.join(dir, '.kfops', 'synth'))).toEqual([]);
    // Without the check the same app synthesizes: tsx only strips the types.
    await synth({ cwd: dir, app: 'main.ts', typecheck: false });
    expect(fs.readFileSync(path.join(dir, 'dist', 'dev', 'configmap-limits.yaml'), 'utf8')).toContain('cpu: "2"');
  });

  test("checks cdk8s.yaml's app entry and what it imports, not tests, and keeps incremental state for the next run", async () => {
    const dir = project('{ cpu: 2 }');
    await synth({ cwd: dir, typecheck: true });
    expect(fs.readFileSync(path.join(dir, 'dist', 'dev', 'configmap-limits.yaml'), 'utf8')).toContain('cpu: "2"');
    const cache = path.join(dir, 'node_modules', '.cache', 'kfops', 'typecheck');
    expect(fs.readdirSync(cache)).toEqual([expect.stringMatching(/^[0-9a-f]{16}\.tsbuildinfo$/)]);
    fs.writeFileSync(path.join(dir, 'limits.ts'), limits("{ cpu: 2, memory: '4Gi' }"));
    await expect(synth({ cwd: dir, typecheck: true })).rejects.toThrow(
      "limits.ts:5:41: error TS2353: Object literal may only specify known properties, and 'memory' does not exist in type 'Limits'.",
    );
  });

  test('without typescript in the project, says so and how to fix it', async () => {
    const dir = project('{ cpu: 2 }');
    fs.rmSync(path.join(dir, 'node_modules'), { recursive: true });
    await expect(synth({ cwd: dir, app: 'main.ts', typecheck: true })).rejects.toMatchObject({
      exitCode: 2,
      message: `type checking the app needs the typescript package, which ${dir} does not have: install it `
        + '(npm install --save-dev typescript@6.0) or synth without type checking (--no-typecheck)',
    });
    expect(treeBytes(path.join(dir, 'dist'))).toEqual({ 'construct-metadata.json': '{}\n', 'dev/old.yaml': 'kept: true\n' });
  });

  test('a broken tsconfig.json is exit 2 naming it', async () => {
    const dir = project('{ cpu: 2 }');
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), '{ "compilerOptions": { "strict": tru } }');
    await expect(synth({ cwd: dir, app: 'main.ts', typecheck: true })).rejects.toMatchObject({
      exitCode: 2, message: expect.stringMatching(/^tsconfig\.json: .* \(fix it, or synth without type checking: --no-typecheck\)$/),
    });
  });
});

describe('the entry file of an app command', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-entry-'));
  for (const f of ['main.ts', 'src/app.ts', 'tsconfig.json']) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), '');
  }
  test.each([
    ['node --require tsx/cjs main.ts', 'main.ts'],
    ['npx ts-node -P tsconfig.json src/app.ts', 'src/app.ts'],
    ["node -r ts-node/register 'src/app.ts' --flag", 'src/app.ts'],
    ['node main.js', undefined],
    ['node -e "require(\'./main.ts\')"', undefined],
    ['tsx missing.ts', undefined],
  ])('%s -> %s', (command, entry) => {
    expect(entryOfCommand(command, dir)).toBe(entry && path.join(dir, entry));
  });
});
