import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { checkCommand } from '../../lib/cli/check-command';
import { diffCommand } from '../../lib/cli/diff-command';
import { importCommand } from '../../lib/cli/import-command';
import { previewCommand } from '../../lib/cli/preview-command';
import { publishCommand } from '../../lib/cli/publish-command';
import { validateCommand } from '../../lib/cli/validate-command';
import { isUserError } from '../../lib/user-error';
import { importDir } from '../helpers/import-dir';
import { synth } from '../../lib/synth/synth';
import { makeTemp, removeTemp, writeTinyProject } from '../helpers/temp-git';

/**
 * The house rule, the same in every command that reads a synthesized tree: 2 when a file or folder cannot be
 * read (I/O: a link, a special file, a name that is not UTF-8), 1 when what it holds is invalid input.
 */

/** A pipeline every command takes as it is: preview shows it, import turns it into code. */
const TEMPLATE = [
  'apiVersion: argoproj.io/v1alpha1', 'kind: WorkflowTemplate', 'metadata:', '  name: p', '  labels:', '    kfops.dev/pipeline: p',
  'spec:', '  entrypoint: main', '  templates:', '    - name: main', '      container:', '        image: busybox:1.36', '        command: [echo, hi]', '',
].join('\n');
const quiet = () => undefined;

/** The exit code a command resolves to, or that the CLI takes from the UserError it throws. */
async function exitCode(run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (err) {
    if (!isUserError(err)) throw err;
    return err.exitCode;
  }
}

/** The commands, each reading the tree `dist/` of the project in `dir` (`clean/` is an intact copy of it). */
const COMMANDS: [string, (dir: string) => Promise<number>][] = [
  ['validate', (cwd) => validateCommand({ cwd, paths: ['dist'], out: quiet })],
  ['diff', (cwd) => diffCommand({ cwd, baseDir: 'clean', headDir: 'dist', write: quiet, log: quiet })],
  ['diff --exit-code', (cwd) => diffCommand({ cwd, baseDir: 'clean', headDir: 'dist', exitCode: true, write: quiet, log: quiet })],
  ['check', (cwd) => checkCommand({ cwd, write: quiet })],
  ['preview', (cwd) => previewCommand({ cwd, pipeline: 'p', env: 'dev', write: quiet })],
  ['import', (cwd) => importCommand({ cwd, paths: [path.join(cwd, 'dist')], out: path.join(imported.dir, 'src'), log: quiet })],
  ['publish --from', async (cwd) => {
    execFileSync('git', ['init', '-q', '--bare', path.join(cwd, 'deploy.git')]);
    return publishCommand({ cwd, repo: path.join(cwd, 'deploy.git'), from: 'dist', dryRun: true, createBranch: true, out: quiet, err: quiet });
  }],
];

/** What breaks the tree, and how: each an I/O problem. */
const UNREADABLE: [string, (dist: string) => void][] = [
  ['a symbolic link', (dist) => fs.symlinkSync('/etc/hostname', path.join(dist, 'dev', 'link.yaml'))],
  ['a FIFO', (dist) => execFileSync('mkfifo', [path.join(dist, 'dev', 'pipe.yaml')])],
  ['a folder name that is not UTF-8', (dist) => fs.mkdirSync(Buffer.from(`${dist}/dev/bad\xff`, 'latin1'))],
];

let dir: string;
let imported: { dir: string; remove: () => void };
beforeEach(async () => {
  dir = await makeTemp('exit-codes');
  imported = importDir();
  await writeTinyProject(dir, { 'dev/workflowtemplate-p.yaml': TEMPLATE });
  await synth({ cwd: dir });
  fs.cpSync(path.join(dir, 'dist'), path.join(dir, 'clean'), { recursive: true });
});
afterEach(async () => {
  imported.remove();
  await removeTemp(dir);
});

describe.each(UNREADABLE)('%s in the tree', (_, breakTree) => {
  test.each(COMMANDS)('%s exits 2', async (_name, command) => {
    breakTree(path.join(dir, 'dist'));
    expect(await exitCode(() => command(dir))).toBe(2);
  });
});

describe('invalid YAML in the tree', () => {
  // check compares bytes (drift: 1) and publish mirrors files as they are; those that read YAML say invalid input.
  test.each(COMMANDS.filter(([name]) => ['validate', 'diff', 'preview', 'import'].includes(name)))('%s exits 1', async (_name, command) => {
    fs.writeFileSync(path.join(dir, 'dist', 'dev', 'broken.yaml'), 'a: [\n');
    expect(await exitCode(() => command(dir))).toBe(1);
  });
});

test('the tree as written is fine for every command: only what breaks it changes the exit code', async () => {
  for (const [name, command] of COMMANDS) expect([name, await exitCode(() => command(dir))]).toEqual([name, 0]);
});
