import * as fs from 'fs';
import * as path from 'path';
import type { Command } from 'commander';
import { readCdk8sConfig } from '../layout/cdk8s-config';
import { UserError } from '../user-error';
import { formatReportParts, ReportFormat } from '../validate/format';
import type { SchemaVersions } from '../validate/schema';
import { DEFAULT_MAX_FILE_BYTES, inputExitCode } from '../validate/load';
import { validateManifests } from '../validate/validator';
import { reportFails } from '../validate/violation';
import type { SetExitCode } from './main';
import { addReportFlags, ReportFlags, textOptionsOf } from './report-flags';
import { addVersionFlags, VersionFlags, versionsOf } from './version-flags';

/** Where params files live by convention; validated automatically with the default dist/. */
const PARAMS_DIR = path.join('pipelines', 'params');
/** Progress shows on a terminal only past this many objects; small runs finish before it would help. */
const PROGRESS_THRESHOLD = 500;

/** Options of {@link validateCommand}. */
export interface ValidateCommandOptions extends ReportFlags {
  /** project root: resolves paths, holds imports/ and pipelines/params/ */
  readonly cwd: string;
  /** files or folders to validate @default ['dist'] */
  readonly paths?: readonly string[];
  /** extra CRD files or folders @default - only imports/ */
  readonly crd?: readonly string[];
  /** objects whose kind has no schema pass @default false */
  readonly ignoreMissingSchemas?: boolean;
  /** warnings fail the run too @default false */
  readonly strict?: boolean;
  /** unknown fields pass the schema check @default false */
  readonly nonStrictSchemas?: boolean;
  /** report format: text, json or junit @default 'text' */
  readonly format?: string;
  /** per-file size limit, in bytes (`64M`, `10MiB` accepted) @default 64 MiB */
  readonly maxFileSize?: string;
  /** params files @default - pipelines/params/*.yaml when validating the default dist/ */
  readonly params?: readonly string[];
  /**
   * upstream releases to validate against, by setting name (`argoVersion: '4.1'`), as given on the command line
   * @default - cdk8s.yaml's KfopsValidation properties, else the defaults (docs/validation.md)
   */
  readonly schemaVersions?: Partial<SchemaVersions>;
  /** where the report goes, in one or more parts @default process.stdout */
  readonly out?: (text: string) => void;
}

/**
 * `kfops validate`: validates manifests (default `dist/`) and params files, prints the report, and resolves to
 * the exit code: 0 valid, 1 invalid (errors; warnings too with `strict`), 2 when an input file or folder could
 * not be read (reported with the rest). Usage errors throw a `UserError` with exit code 2.
 */
export async function validateCommand(options: ValidateCommandOptions): Promise<number> {
  const format = parseFormat(options.format ?? 'text');
  const text = textOptionsOf(options, format === ReportFormat.TEXT ? [] : [`--format ${format}`]);
  const maxFileBytes = options.maxFileSize !== undefined ? parseSize(options.maxFileSize) : DEFAULT_MAX_FILE_BYTES;
  const paths = options.paths && options.paths.length > 0 ? options.paths : undefined;
  // The default is the project's synth output: cdk8s.yaml `output`, else dist/ (also outside a cdk8s project).
  const output = fs.existsSync(path.join(options.cwd, 'cdk8s.yaml')) ? (await readCdk8sConfig(options.cwd)).output : 'dist';
  if (!paths && !fs.existsSync(path.join(options.cwd, output))) {
    throw new UserError(`nothing to validate: ${output}/ does not exist (run \`npx kfops synth\` first, or pass the files to validate)`, 2);
  }
  const paramsFiles = options.params && options.params.length > 0 ? options.params : paths ? [] : findParamsFiles(options.cwd);
  const showProgress = process.stderr.isTTY === true;
  const report = await validateManifests({
    cwd: options.cwd, paths: paths ?? [output], crdPaths: options.crd, ignoreMissingSchemas: options.ignoreMissingSchemas,
    strictSchemas: !options.nonStrictSchemas, maxFileBytes, paramsFiles,
    schemaVersions: options.schemaVersions ? { versions: options.schemaVersions, source: 'flag' } : undefined,
    onProgress: showProgress ? progress : undefined,
  });
  if (showProgress && report.objects >= PROGRESS_THRESHOLD) process.stderr.write('\r\x1b[K');
  const strict = options.strict ?? false;
  const out = options.out ?? ((t: string) => process.stdout.write(t));
  for (const part of formatReportParts(report, format, strict, text)) out(part);
  // A file or folder that could not be read is an I/O error, as in every command; the report still lists the rest.
  return inputExitCode(report.results) || (reportFails(report.results, strict) ? 1 : 0);
}

function progress(done: number, total: number): void {
  if (total >= PROGRESS_THRESHOLD && (done % 250 === 0 || done === total)) process.stderr.write(`\rvalidating ${done}/${total} objects`);
}

function parseFormat(value: string): ReportFormat {
  const formats = Object.values(ReportFormat) as string[];
  if (!formats.includes(value)) throw new UserError(`--format ${value} is not a format; use one of: ${formats.join(', ')}`, 2);
  return value as ReportFormat;
}

const SIZE_UNITS: Readonly<Record<string, number>> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** Parses `--max-file-size`: bytes, or with a binary unit (`64M`, `64MiB`, `512k`). */
export function parseSize(value: string): number {
  const match = /^(\d+)\s*([kmg]?)(i?b)?$/i.exec(value.trim());
  const bytes = match ? Number(match[1]) * SIZE_UNITS[match[2].toLowerCase()] : NaN;
  if (!Number.isSafeInteger(bytes) || bytes <= 0) {
    throw new UserError(`--max-file-size ${value} is not a size; give bytes (67108864) or a size like 64M`, 2);
  }
  return bytes;
}

/** The params files of a project (`pipelines/params/*.yaml`), relative to `cwd`. */
export function findParamsFiles(cwd: string): string[] {
  const dir = path.join(cwd, PARAMS_DIR);
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => path.join(PARAMS_DIR, f));
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** Registers `kfops validate`. */
export function registerValidate(program: Command, setExit: SetExitCode): void {
  const command = addVersionFlags(program.command('validate')
    .description('validate manifests (default dist/) against schemas and semantic checks, and params files against pipeline parameters')
    .argument('[paths...]', 'manifest files or folders (*.yaml, *.yml, *.json, multi-document, List kinds)')
    .option('--crd <path>', 'CRD file or folder to take schemas from, besides imports/ (repeatable)', collect, [])
    .option('--ignore-missing-schemas', 'let objects whose kind has no schema pass instead of failing')
    .option('--strict', 'fail on warnings too')
    .option('--non-strict-schemas', 'let unknown fields pass the schema check (default: they are errors)')
    .option('--format <format>', `report format: ${Object.values(ReportFormat).join(', ')}`, ReportFormat.TEXT)
    .option('--max-file-size <bytes>', 'skip and report files larger than this (bytes, or 64M, 512k)', String(DEFAULT_MAX_FILE_BYTES))
    .option('--params <file>', 'params file (pipelines/params/<env>.yaml) to check against the pipelines\' parameter schemas (repeatable; default: pipelines/params/*.yaml when validating dist/)', collect, []))
    .addHelpText('after', '\nExit codes: 0 valid; 1 invalid (errors, or warnings with --strict); 2 usage or I/O error (a file or folder that\n'
      + 'cannot be read: missing, unreadable, a link, a special file, a name that is not UTF-8; the rest is still reported).')
    .action(async (paths: string[], opts: {
      crd: string[]; ignoreMissingSchemas?: boolean; strict?: boolean; nonStrictSchemas?: boolean; format: string; maxFileSize: string; params: string[];
    } & VersionFlags & ReportFlags) => {
      setExit(await validateCommand({
        cwd: process.cwd(), paths, crd: opts.crd, ignoreMissingSchemas: opts.ignoreMissingSchemas, strict: opts.strict,
        nonStrictSchemas: opts.nonStrictSchemas, format: opts.format, maxFileSize: opts.maxFileSize, params: opts.params,
        schemaVersions: versionsOf(opts),
        errorsOnly: opts.errorsOnly, quiet: opts.quiet, verbose: opts.verbose,
      }));
    });
  addReportFlags(command);
}
