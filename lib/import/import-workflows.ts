import * as fs from 'fs';
import Module from 'module';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { register } from 'tsx/cjs/api';
import { isUserError, UserError } from '../user-error';
import { convertObject, IMPORTED_KINDS, ReferencedObject } from './convert-workflow';
import { readObjects, SourceObject } from './read-objects';
import { Inexpressible } from './references';
import { roundTripDifference } from './round-trip';
import { planReferences, refKey } from './template-refs';

/** Options of {@link importWorkflows}. */
export interface ImportOptions {
  /** Resolves relative paths and shortens file names in the report. */
  readonly cwd: string;
  /** Files and folders (searched recursively) of Argo YAML or JSON. */
  readonly paths: readonly string[];
  /** Folder the TypeScript files and `main.ts` are written to; created when missing. */
  readonly out: string;
}

/** One object `kfops import` read. */
export interface ImportedObject {
  /** Where it was read from (`file` or `file:line`). */
  readonly source: string;
  readonly kind: string;
  readonly name: string;
}

/** What {@link importWorkflows} did. */
export interface ImportReport {
  /** The objects written, each to its own file, and verified to synthesize back to what was read. */
  readonly written: ReadonlyArray<ImportedObject & {
    readonly file: string;
    readonly className: string;
    /** The imported objects its class takes, whose templates it calls by templateRef. */
    readonly refs: ReadonlyArray<{ readonly param: string; readonly className: string }>;
  }>;
  /** The objects not written, and why. */
  readonly failed: ReadonlyArray<ImportedObject & { readonly reason: string }>;
  /** 2 when an input file or folder could not be read (I/O: a link, a special file, a name that is not UTF-8), else 0 */
  readonly inputExitCode: 0 | 2;
}

const MAIN_FILE = 'main.ts';
/** The packages the generated code imports by name, as a project's own files do. */
const PACKAGES = ['kfops', 'cdk8s', 'constructs'] as const;

/**
 * `kfops import`: turns Argo Workflow, WorkflowTemplate, ClusterWorkflowTemplate and CronWorkflow YAML into kfops
 * TypeScript, one file per object plus a `main.ts` app that synthesizes them all. Every file written has been run
 * and synthesized back to an object semantically equal to the one read; an object that cannot be expressed, or
 * whose code would synthesize something else, is reported with the reason and not written.
 */
export function importWorkflows(options: ImportOptions): ImportReport {
  const out = path.resolve(options.cwd, options.out);
  assertResolvesPackages(out, options.out);
  const read = readObjects(options.cwd, options.paths);
  const written: Array<ImportReport['written'][number]> = [];
  const failed: Array<ImportedObject & { reason: string }> = read.problems.map((p) => ({ source: p.file, kind: '?', name: '?', reason: p.message }));
  try {
    fs.mkdirSync(out, { recursive: true });
  } catch (err) {
    throw new UserError(`cannot create the output folder ${options.out}: ${(err as Error).message}`, 2);
  }
  const libImport = 'kfops';
  const files = new Set<string>([MAIN_FILE]);
  const classes = new Set<string>();
  const ids = new Set<string>();
  const plan = planReferences(read.objects);
  const referable = new Map<string, ReferencedObject>();
  const loaded = new Map<string, LoadedClass>();
  for (const source of plan.order) {
    const described = describe(source);
    if (!IMPORTED_KINDS.includes(described.kind) || source.object.apiVersion !== 'argoproj.io/v1alpha1') {
      failed.push({ ...described, reason: `${String(source.object.apiVersion)} ${described.kind} is not an Argo workflow kind kfops imports` });
      continue;
    }
    try {
      const stem = described.name.replace(/-+$/, '');
      const sourceStem = path.basename(source.file).replace(/\.(ya?ml|json)$/, '');
      const file = unique(files, fileStem(described.name), sourceStem, '.ts');
      const converted = convertObject(source.object, libImport, {
        id: ids.has(stem) ? `${stem}-${described.kind.toLowerCase()}` : undefined,
        takenClasses: classes,
        qualifier: sourceStem,
        exposed: plan.exposed.get(source),
        referable,
      });
      // Verified under a name of its own first: an object that does not round-trip leaves a file of that name as it was.
      const target = path.join(out, file);
      const trial = path.join(out, `.${file.replace(/\.ts$/, '')}.kfops-import.ts`);
      fs.writeFileSync(trial, converted.text);
      let problem: string | undefined;
      try {
        problem = verify({ file: trial, className: converted.className, refs: converted.refs }, loaded, source.object);
      } catch (err) {
        fs.rmSync(trial, { force: true });
        throw err;
      }
      if (problem) {
        fs.rmSync(trial, { force: true });
        files.delete(file);
        failed.push({ ...described, reason: problem });
        continue;
      }
      fs.renameSync(trial, target);
      const loadedClass: LoadedClass = { file: target, className: converted.className, refs: converted.refs };
      classes.add(converted.className);
      ids.add(converted.id);
      loaded.set(converted.className, loadedClass);
      written.push({ ...described, file, className: converted.className, refs: converted.refs });
      const meta = source.object.metadata as Record<string, unknown>;
      const exposedFields = plan.exposed.get(source);
      if (exposedFields && typeof meta.name === 'string') {
        referable.set(refKey(described.kind, meta.name), {
          className: converted.className, module: file.replace(/\.ts$/, ''), fields: exposedFields, inputs: plan.inputs.get(source) ?? new Map(),
        });
      }
    } catch (err) {
      if (!(err instanceof Inexpressible)) throw err;
      failed.push({ ...described, reason: err.message });
    }
  }
  // With nothing imported there is no app to write, and a main.ts already there stays as it was.
  if (written.length > 0) fs.writeFileSync(path.join(out, MAIN_FILE), mainFile(written, libImport));
  return { written, failed, inputExitCode: read.inputExitCode };
}

function describe(source: SourceObject): ImportedObject {
  const meta = (source.object.metadata ?? {}) as Record<string, unknown>;
  return {
    source: source.line ? `${source.file}:${source.line}` : source.file,
    kind: String(source.object.kind),
    name: String(meta.name ?? meta.generateName ?? '?'),
  };
}

function fileStem(name: string): string {
  return name.replace(/-+$/, '').replace(/[^A-Za-z0-9._-]/g, '-') || 'workflow';
}

function unique(taken: Set<string>, stem: string, qualifier: string, ext: string): string {
  let file = `${stem}${ext}`;
  if (taken.has(file)) file = `${stem}-${qualifier}${ext}`;
  for (let i = 2; taken.has(file); i++) file = `${stem}-${qualifier}-${i}${ext}`;
  taken.add(file);
  return file;
}

/**
 * The generated files import kfops, cdk8s and constructs by name, so they only run where Node finds those
 * packages: inside a kfops project (or this repository), whose node_modules has them. Checked before anything is
 * read or written, as Node would resolve them from a file in `out`.
 *
 * @throws UserError (exit 2) naming the folder, the packages it cannot reach and the fix
 */
function assertResolvesPackages(out: string, given: string): void {
  const from = Module.createRequire(path.join(out, MAIN_FILE));
  const missing = PACKAGES.filter((name) => {
    try {
      from.resolve(`${name}/package.json`);
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length > 0) {
    throw new UserError(`--out ${given}: the generated code imports ${PACKAGES.join(', ')} by name, and from ${out} Node finds no `
      + `${missing.join(', ')} (no node_modules above it has ${missing.length === 1 ? 'it' : 'them'}); import into a folder of your kfops `
      + `project (e.g. --out pipelines/imported), or run \`npm install kfops cdk8s constructs\` in a folder above ${out} first`, 2);
  }
}

/**
 * Requires the generated files with their package imports resolved to this kfops' own modules: the code is
 * verified against the kfops that wrote it (whose constructs and cdk8s classes the check's App and Chart are), not
 * against a copy or a compiled build the folder may see. Restores Node's resolution when done.
 */
function withOwnPackages<T>(run: () => T): T {
  const own = new Map<string, string>(PACKAGES.map((name) => [name, name === 'kfops' ? require.resolve('..') : require.resolve(name)]));
  const resolver = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const original = resolver._resolveFilename;
  resolver._resolveFilename = (request, ...rest) => own.get(request) ?? original.call(Module, request, ...rest);
  try {
    return run();
  } finally {
    resolver._resolveFilename = original;
  }
}

/**
 * Runs `run` where `require` loads the generated TypeScript, through tsx's hook registered for the call: the
 * installed package runs compiled JavaScript (lib/load-entry.js), where nothing else would read TypeScript (Node
 * 20 cannot), and the repository's own tsx hook stays as it was once the call's is removed.
 */
function withTypeScript<T>(run: () => T): T {
  const unregister = register();
  try {
    return run();
  } finally {
    unregister();
  }
}

/** A generated class and the imported objects its constructor takes. */
interface LoadedClass {
  readonly file: string;
  readonly className: string;
  readonly refs: ReadonlyArray<{ readonly param: string; readonly className: string }>;
}

/**
 * Runs the generated class, in an app with the objects it references, and compares what it synthesizes with the
 * object read; the difference, if any.
 */
function verify(generated: LoadedClass, loaded: ReadonlyMap<string, LoadedClass>, input: Record<string, unknown>): string | undefined {
  let synthesized: Record<string, unknown>[];
  const app = new App({ outdir: path.dirname(generated.file) });
  const files: string[] = [];
  const instances = new Map<string, unknown>();
  let charts = 0;
  const instantiate = (c: LoadedClass, chartId: string): unknown => {
    const refs = Object.fromEntries(c.refs.map((r) => [r.param, instances.get(r.className)
      ?? instantiate(loaded.get(r.className) as LoadedClass, `ref-${charts++}`)]));
    files.push(c.file);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Class = require(c.file)[c.className] as new (scope: Construct, ...args: unknown[]) => unknown;
    const instance = c.refs.length > 0 ? new Class(new Chart(app, chartId), refs) : new Class(new Chart(app, chartId));
    instances.set(c.className, instance);
    return instance;
  };
  try {
    withTypeScript(() => withOwnPackages(() => instantiate(generated, 'verify')));
    const chart = app.node.findChild('verify') as Chart;
    const errors = app.node.findAll().flatMap((c) => c.node.validate());
    if (errors.length > 0) return `the generated code does not synthesize: ${errors[0].replace(/^\[[^\]]*\] /, '')}`;
    synthesized = chart.toJson() as Record<string, unknown>[];
  } catch (err) {
    if (isUserError(err)) return `the generated code does not synthesize: ${err.message.replace(/^\[[^\]]*\] /, '')}`;
    return `the generated code fails (a bug in kfops import; please report it): ${(err as Error).message}`;
  } finally {
    for (const f of files) delete require.cache[require.resolve(f)];
  }
  const match = synthesized.find((o) => o.kind === input.kind);
  if (!match) return `the generated code synthesizes no ${String(input.kind)}`;
  const difference = roundTripDifference(input, match);
  return difference && `the generated code would change ${difference}`;
}

// Objects come in the order they were converted: the ones others reference first, held in a variable.
function mainFile(written: ReadonlyArray<{ file: string; className: string; refs: LoadedClass['refs'] }>, libImport: string): string {
  const referenced = new Set(written.flatMap((w) => w.refs.map((r) => r.className)));
  const variable = (className: string) => className.charAt(0).toLowerCase() + className.slice(1);
  return [
    "import { Chart } from 'cdk8s';",
    `import { KfopsApp } from '${libImport}';`,
    ...written.map((w) => `import { ${w.className} } from './${w.file.replace(/\.ts$/, '')}';`),
    '',
    '// The imported objects as one cdk8s app: `kfops synth --app main.ts` (or `CDK8S_OUTDIR=dist npx tsx main.ts`)',
    '// writes each to a folder of its own, dist/<file>/, since imported runs may share a kind and a name.',
    'KfopsApp.main((app) => {',
    ...written.map((w) => {
      const refs = w.refs.length > 0 ? `, { ${w.refs.map((r) => (r.param === variable(r.className) ? r.param : `${r.param}: ${variable(r.className)}`)).join(', ')} }` : '';
      const created = `new ${w.className}(new Chart(app, '${w.file.replace(/\.ts$/, '')}')${refs})`;
      return referenced.has(w.className) ? `  const ${variable(w.className)} = ${created};` : `  ${created};`;
    }),
    '});',
    '',
  ].join('\n');
}
