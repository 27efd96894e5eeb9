import * as fs from 'fs';
import * as path from 'path';
import { KFOPS_ROOT, KfopsPackage } from './kfops-package';

/** The scaffold's files as they are kept in the package: real, type-checked files (see docs/install.md). */
export const TEMPLATES_DIR = path.join(__dirname, 'templates');

/**
 * Templates whose name starts with a dot in the project. npm leaves `.gitignore` out of packages, and dot-folders
 * are easy to lose, so the package keeps them without it.
 */
const DOT_NAMES = new Set(['gitignore', 'github']);

/** Replaced in every template by the running kfops' version, e.g. in cdk8s.yaml's plugin entry. */
const VERSION_TOKEN = '__KFOPS_VERSION__';

/** The packages the scaffold's package.json names, at the versions kfops itself is built and tested with. */
const DEPENDENCIES = ['cdk8s', 'cdk8s-plus-27', 'constructs'];
const DEV_DEPENDENCIES = ['@types/jest', '@types/node', 'jest', 'ts-jest', 'tsx', 'typescript', 'yaml'];

/** One file of a new project: its path (POSIX, relative to the project) and content. */
export interface ProjectFile {
  readonly path: string;
  readonly content: string;
}

/**
 * The files `kfops init` writes for a project named `name`, in path order: the templates, a package.json that
 * depends on the running kfops, and the TFJob CRD kfops validates against (the same file as kfops' own).
 */
export function projectFiles(name: string, kfops: KfopsPackage): ProjectFile[] {
  const files: ProjectFile[] = listTemplates(TEMPLATES_DIR).map((rel) => ({
    path: projectPath(rel),
    content: fs.readFileSync(path.join(TEMPLATES_DIR, rel), 'utf8').split(VERSION_TOKEN).join(kfops.version),
  }));
  files.push({ path: 'package.json', content: `${JSON.stringify(packageJson(name, kfops), null, 2)}\n` });
  files.push({ path: 'imports/tfjob-crd.yaml', content: fs.readFileSync(path.join(KFOPS_ROOT, 'imports', 'tfjob-crd.yaml'), 'utf8') });
  return files.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** An npm package name from a folder name: lower case, URL-safe, not starting with `.` or `_`. */
export function packageName(folder: string): string {
  const name = folder.toLowerCase().replace(/[^a-z0-9._~-]+/g, '-').replace(/^[._~-]+/, '').replace(/-+$/, '').slice(0, 214);
  return name || 'ml-pipelines';
}

function packageJson(name: string, kfops: KfopsPackage): object {
  const pin = (names: readonly string[]) => Object.fromEntries(names.map((n) => [n, required(kfops, n)]));
  return {
    name,
    version: '0.1.0',
    private: true,
    description: 'ML pipelines as cdk8s constructs, synthesized by kfops to Argo Workflows and shipped by Argo CD',
    scripts: { synth: 'kfops synth', validate: 'kfops validate', test: 'tsc --noEmit && jest' },
    engines: { node: kfops.node },
    dependencies: { kfops: `^${kfops.version}`, ...pin(DEPENDENCIES) },
    devDependencies: pin(DEV_DEPENDENCIES),
    jest: { testEnvironment: 'node', roots: ['<rootDir>/test'], transform: { '^.+\\.ts$': 'ts-jest' } },
  };
}

function required(kfops: KfopsPackage, name: string): string {
  const version = kfops.versions[name];
  // kfops' package.json lists every one of these; a missing one is a packaging bug, not the user's.
  if (!version) throw new Error(`kfops' package.json has no version of ${name}`);
  return version;
}

function projectPath(templatePath: string): string {
  const [first, ...rest] = templatePath.split('/');
  return [DOT_NAMES.has(first) ? `.${first}` : first, ...rest].join('/');
}

/** Template files under `dir`, as POSIX paths relative to it. */
function listTemplates(dir: string, prefix = ''): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? listTemplates(path.join(dir, entry.name), rel) : [rel];
  });
}
