import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { simpleGit, SimpleGit } from 'simple-git';

/** A fresh empty folder under the OS temp dir; remove it with {@link removeTemp}. */
export async function makeTemp(prefix: string): Promise<string> {
  return fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), `kfops-test-${prefix}-`)));
}

/** Removes a folder made by {@link makeTemp}. */
export async function removeTemp(dir: string): Promise<void> {
  await fs.rm(dir, { recursive: true, force: true });
}

/** Writes files (relative path -> content) under `dir`, creating folders. */
export async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  for (const [file, content] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await fs.writeFile(path.join(dir, file), content);
  }
}

/** `git init` on branch main with a local identity and no signing, so commits work on any machine. */
export async function initRepo(dir: string): Promise<SimpleGit> {
  const git = simpleGit(dir);
  await git.init(['--initial-branch=main']);
  await git.addConfig('user.name', 'kfops test');
  await git.addConfig('user.email', 'test@kfops.invalid');
  await git.addConfig('commit.gpgsign', 'false');
  return git;
}

/** Stages everything and commits; returns the commit hash. */
export async function commitAll(dir: string, message: string): Promise<string> {
  const git = simpleGit(dir);
  await git.add(['-A']);
  await git.commit(message);
  return (await git.revparse(['HEAD'])).trim();
}

/**
 * A cdk8s project without cdk8s: `cdk8s.yaml` whose app is `node synth.js`, a plain script that writes one YAML
 * file per object into `$CDK8S_OUTDIR/<env>/`. Each object is given as `<env>/<file>` -> YAML text; tests change
 * what synth writes by rewriting `objects.json`, a file in the repo the app reads.
 */
export async function writeTinyProject(dir: string, objects: Record<string, string>): Promise<void> {
  await writeFiles(dir, {
    'cdk8s.yaml': 'app: node synth.js\noutput: dist\n',
    'synth.js': [
      "const fs = require('fs');",
      "const path = require('path');",
      "const objects = JSON.parse(fs.readFileSync(path.join(__dirname, 'objects.json'), 'utf8'));",
      'for (const [file, text] of Object.entries(objects)) {',
      '  const target = path.join(process.env.CDK8S_OUTDIR, file);',
      '  fs.mkdirSync(path.dirname(target), { recursive: true });',
      '  fs.writeFileSync(target, text);',
      '}',
      '',
    ].join('\n'),
    'objects.json': `${JSON.stringify(objects, null, 2)}\n`,
  });
}
