import * as fs from 'fs';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { isUserError, UserError } from '../user-error';
import { convertObject, IMPORTED_KINDS } from './convert-workflow';
import { readObjects, SourceObject } from './read-objects';
import { Inexpressible } from './references';
import { roundTripDifference } from './round-trip';

/** Options of {@link importWorkflows}. */
export interface ImportOptions {
  /** Resolves relative paths and shortens file names in the report. */
  readonly cwd: string;
  /** Files and folders (searched recursively) of Argo YAML or JSON. */
  readonly paths: readonly string[];
  /** Folder the TypeScript files and `main.ts` are written to; created when missing. */
  readonly out: string;
  /** The module specifier the files import kfops from. @default - a relative path to this installation's lib/ */
  readonly libImport?: string;
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
  readonly written: ReadonlyArray<ImportedObject & { readonly file: string; readonly className: string }>;
  /** The objects not written, and why. */
  readonly failed: ReadonlyArray<ImportedObject & { readonly reason: string }>;
}

const MAIN_FILE = 'main.ts';

/**
 * `kfops import`: turns Argo Workflow, WorkflowTemplate, ClusterWorkflowTemplate and CronWorkflow YAML into kfops
 * TypeScript, one file per object plus a `main.ts` app that synthesizes them all. Every file written has been run
 * and synthesized back to an object semantically equal to the one read; an object that cannot be expressed, or
 * whose code would synthesize something else, is reported with the reason and not written.
 */
export function importWorkflows(options: ImportOptions): ImportReport {
  const out = path.resolve(options.cwd, options.out);
  const read = readObjects(options.cwd, options.paths);
  const written: Array<ImportedObject & { file: string; className: string }> = [];
  const failed: Array<ImportedObject & { reason: string }> = read.problems.map((p) => ({ source: p.file, kind: '?', name: '?', reason: p.message }));
  try {
    fs.mkdirSync(out, { recursive: true });
  } catch (err) {
    throw new UserError(`cannot create the output folder ${options.out}: ${(err as Error).message}`, 2);
  }
  const libImport = options.libImport ?? toSpecifier(path.relative(out, path.join(__dirname, '..')));
  const files = new Set<string>([MAIN_FILE]);
  const classes = new Set<string>();
  const ids = new Set<string>();
  for (const source of read.objects) {
    const described = describe(source);
    if (!IMPORTED_KINDS.includes(described.kind) || source.object.apiVersion !== 'argoproj.io/v1alpha1') {
      failed.push({ ...described, reason: `${String(source.object.apiVersion)} ${described.kind} is not an Argo workflow kind kfops imports` });
      continue;
    }
    try {
      const stem = described.name.replace(/-+$/, '');
      const sourceStem = path.basename(source.file).replace(/\.(ya?ml|json)$/, '');
      const converted = convertObject(source.object, libImport, {
        id: ids.has(stem) ? `${stem}-${described.kind.toLowerCase()}` : undefined,
        takenClasses: classes,
        qualifier: sourceStem,
      });
      const file = unique(files, fileStem(described.name), sourceStem, '.ts');
      const target = path.join(out, file);
      fs.writeFileSync(target, converted.text);
      const problem = verify(target, converted.className, source.object);
      if (problem) {
        fs.rmSync(target, { force: true });
        files.delete(file);
        failed.push({ ...described, reason: problem });
        continue;
      }
      classes.add(converted.className);
      ids.add(converted.id);
      written.push({ ...described, file, className: converted.className });
    } catch (err) {
      if (!(err instanceof Inexpressible)) throw err;
      failed.push({ ...described, reason: err.message });
    }
  }
  fs.writeFileSync(path.join(out, MAIN_FILE), mainFile(written, libImport));
  return { written, failed };
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

function toSpecifier(relative: string): string {
  const posix = relative.split(path.sep).join('/');
  return posix.startsWith('.') ? posix : `./${posix}`;
}

/** Runs the generated class and compares what it synthesizes with the object read; the difference, if any. */
function verify(file: string, className: string, input: Record<string, unknown>): string | undefined {
  let synthesized: Record<string, unknown>[];
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Class = require(file)[className] as new (scope: Construct, id?: string) => unknown;
    const chart = new Chart(new App({ outdir: path.dirname(file) }), 'verify');
    new Class(chart);
    const errors = chart.node.findAll().flatMap((c) => c.node.validate());
    if (errors.length > 0) return `the generated code does not synthesize: ${errors[0].replace(/^\[[^\]]*\] /, '')}`;
    synthesized = chart.toJson() as Record<string, unknown>[];
  } catch (err) {
    if (isUserError(err)) return `the generated code does not synthesize: ${err.message.replace(/^\[[^\]]*\] /, '')}`;
    return `the generated code fails (a bug in kfops import; please report it): ${(err as Error).message}`;
  } finally {
    delete require.cache[require.resolve(file)];
  }
  const match = synthesized.find((o) => o.kind === input.kind);
  if (!match) return `the generated code synthesizes no ${String(input.kind)}`;
  const difference = roundTripDifference(input, match);
  return difference && `the generated code would change ${difference}`;
}

function mainFile(written: ReadonlyArray<{ file: string; className: string }>, libImport: string): string {
  return [
    "import { Chart } from 'cdk8s';",
    `import { KfopsApp } from '${libImport}';`,
    ...written.map((w) => `import { ${w.className} } from './${w.file.replace(/\.ts$/, '')}';`),
    '',
    '// The imported objects as one cdk8s app: `kfops synth --app main.ts` (or `CDK8S_OUTDIR=dist npx tsx main.ts`)',
    '// writes each to a folder of its own, dist/<file>/, since imported runs may share a kind and a name.',
    'KfopsApp.main((app) => {',
    ...written.map((w) => `  new ${w.className}(new Chart(app, ${JSON.stringify(w.file.replace(/\.ts$/, '')).replace(/"/g, "'")}));`),
    '});',
    '',
  ].join('\n');
}
