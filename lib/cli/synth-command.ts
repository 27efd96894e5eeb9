import * as fs from 'fs';
import * as path from 'path';
import type { Command } from 'commander';
import { rejectedOutputDir, setAsideRejected } from '../layout';
import { readCdk8sConfig } from '../layout/cdk8s-config';
import { entryOfCommand, resolveApp } from '../synth/app-command';
import { displayPath } from '../synth/io-error';
import { synth } from '../synth/synth';
import { UserError } from '../user-error';
import { formatReport, ReportFormat } from '../validate/format';
import type { SchemaVersions } from '../validate/schema';
import { validateManifests } from '../validate/validator';
import { countViolations, reportFails, Severity, ValidationReport } from '../validate/violation';
import type { SetExitCode } from './main';
import { addReportFlags, ReportFlags, textOptionsOf } from './report-flags';
import { findParamsFiles } from './validate-command';
import { addVersionFlags, VersionFlags, versionsOf } from './version-flags';

/** Options of {@link synthCommand}. */
export interface SynthCommandOptions extends ReportFlags {
  /** Project root, where cdk8s.yaml is. */
  readonly cwd: string;
  /** Output folder. @default - cdk8s.yaml `output`, else 'dist' */
  readonly out?: string;
  /** The app's entry file (`--app FILE`), run with node and tsx. @default - cdk8s.yaml `app` */
  readonly app?: string;
  /** Type-check the app's program before its output replaces the output folder. @default true */
  readonly typecheck?: boolean;
  /** Validate the output (as `kfops validate` does) before it replaces the output folder. @default true */
  readonly validate?: boolean;
  /**
   * Upstream releases to validate against, by setting name (`argoVersion: '4.1'`), as `kfops validate` takes them.
   * @default - cdk8s.yaml's KfopsValidation properties, else the defaults (docs/validation.md)
   */
  readonly schemaVersions?: Partial<SchemaVersions>;
  /** Accept output without objects. @default false */
  readonly allowEmpty?: boolean;
  /** Where messages go. @default console.log */
  readonly log?: (text: string) => void;
}

/**
 * `kfops synth`: runs the cdk8s app (cdk8s.yaml `app`, or `--app FILE`) while type-checking it, validates the fresh
 * output and its params files, and only then replaces the output folder, atomically: type errors, invalid
 * pipelines or manifests, or an app that produced nothing leave the previous output as it was. Resolves to the
 * exit code.
 */
export async function synthCommand(options: SynthCommandOptions): Promise<number> {
  const log = options.log ?? ((text: string) => console.log(text));
  if (options.validate === false && (options.errorsOnly || options.verbose)) {
    const flag = options.errorsOnly ? '--errors-only' : '--verbose';
    throw new UserError(`${flag} and --no-validate conflict: ${flag} shapes the validation report, which --no-validate skips; drop one`, 2);
  }
  const versionFlag = Object.keys(options.schemaVersions ?? {})[0];
  if (options.validate === false && versionFlag !== undefined) {
    const flag = `--${versionFlag.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    throw new UserError(`${flag} and --no-validate conflict: ${flag} picks the schemas to validate against, which --no-validate skips; drop one`, 2);
  }
  const text = textOptionsOf(options);
  const typecheck = options.typecheck ?? true;
  let validated = 'not validated (--no-validate)';
  const paramsFiles = (await isProjectApp(options.cwd, options.app)) ? findParamsFiles(options.cwd) : [];
  const check = async (staged: string, outdir: string) => {
    // As `kfops validate` in the project would (its imports/ CRDs and cdk8s.yaml settings, the params files when
    // the app is the project's), with the staged output as the files.
    const report = await validateManifests({
      cwd: options.cwd, paths: [staged], paramsFiles,
      schemaVersions: options.schemaVersions ? { versions: options.schemaVersions, source: 'flag' } : undefined,
    });
    const { errors, warnings } = countViolations(report.results);
    if (reportFails(report.results, false)) {
      // The report must name files that still exist when it is read: the rejected output is kept, not deleted.
      const kept = setAsideRejected(staged, options.cwd, path.basename(outdir));
      const shownKept = displayPath(kept, options.cwd);
      log(formatReport(relocated(report, displayPath(staged, options.cwd), shownKept), ReportFormat.TEXT, false, text).trimEnd());
      throw new UserError(`synth output is invalid (${errors} error${errors === 1 ? '' : 's'}); the previous output was kept, and `
        + `the rejected output is in ${shownKept}/ (the files named above). Fix the errors above and synth again`);
    }
    validated = `validated: ${report.objects} objects, 0 errors, ${warnings} warning${warnings === 1 ? '' : 's'}${warningRules(report.results)}`;
  };
  const app = await resolveApp(options.cwd, options.app);
  const typed = !typecheck ? 'not type-checked (--no-typecheck)'
    : app.entry ? `type-checked ${displayPath(app.entry, options.cwd)}` : 'not type-checked (the app has no TypeScript entry file)';
  const outdir = await synth({
    cwd: options.cwd, outdir: options.out, app: options.app, typecheck, allowEmpty: options.allowEmpty,
    check: options.validate === false ? undefined : check,
  });
  // What an earlier failed synth of this folder kept is out of date now.
  fs.rmSync(rejectedOutputDir(options.cwd, path.basename(outdir)), { recursive: true, force: true });
  if (!options.quiet) log(`synthesized into ${displayPath(outdir, options.cwd)}; ${typed}; ${validated}`);
  return 0;
}

/**
 * Whether the app synthesized is the project's own (cdk8s.yaml `app`, by default or as `--app` naming its entry
 * file): pipelines/params/*.yaml hold the parameters of that app's pipelines, so only its output is checked
 * against them, as `kubectl apply -f` of one folder never reads another's settings. Another app's output would
 * report each of them as naming a pipeline that is not there.
 */
async function isProjectApp(cwd: string, app: string | undefined): Promise<boolean> {
  if (app === undefined) return true;
  if (!fs.existsSync(path.join(cwd, 'cdk8s.yaml'))) return false;
  return entryOfCommand((await readCdk8sConfig(cwd)).app, cwd) === path.resolve(cwd, app);
}

/** `report` with the files under `from` (a folder, as reports show it) named under `to`, in messages too. */
function relocated(report: ValidationReport, from: string, to: string): ValidationReport {
  const prefix = `${from.split(path.sep).join('/')}/`;
  const target = `${to.split(path.sep).join('/')}/`;
  const move = (text: string) => text.split(prefix).join(target);
  return {
    ...report,
    results: report.results.map((r) => ({
      ...r,
      file: move(r.file),
      violations: r.violations.map((v) => ({ ...v, message: move(v.message), ...(v.fix !== undefined ? { fix: move(v.fix) } : {}) })),
    })),
  };
}

/** ` (51 security/image-tag; npx kfops validate lists them)`: which rules the warnings are, most frequent first. */
function warningRules(results: Parameters<typeof countViolations>[0]): string {
  const counts = new Map<string, number>();
  for (const r of results) for (const v of r.violations) if (v.severity === Severity.WARNING) counts.set(v.rule, (counts.get(v.rule) ?? 0) + 1);
  if (counts.size === 0) return '';
  const rules = [...counts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1)).map(([rule, n]) => `${n} ${rule}`);
  return ` (${rules.join(', ')}; npx kfops validate lists them)`;
}

/** Registers `kfops synth`. */
export function registerSynth(program: Command, setExit: SetExitCode): void {
  const command = addVersionFlags(program.command('synth')
    .description('synthesize the pipelines (cdk8s.yaml app) into dist/<environment>/, type-checked and validated, replacing dist/ atomically')
    .option('--app <file>', "the app's entry file to synthesize, run with node and tsx (default: cdk8s.yaml app)")
    .option('-o, --out <dir>', 'output folder (default: cdk8s.yaml output, else dist)')
    .option('--no-typecheck', "skip type-checking the app's program (its entry file and what it imports) with the project's typescript")
    .option('--no-validate', 'skip validating the output (kfops validate) before it replaces the output folder')
    .option('--allow-empty', 'accept an app that writes no objects (by default the previous output is kept)'));
  addReportFlags(command)
    .addHelpText('after', '\nExit codes: 0 synthesized (and valid); 1 type errors, or the pipelines or the output are invalid (errors '
      + 'name the file:line or construct path), or the app produced nothing; 2 usage or I/O error (a full, read-only or immutable '
      + 'output folder); 128+n stopped by signal n (SIGINT 130, SIGTERM 143). Nothing is half-written in any case.')
    .action(async (opts: { app?: string; out?: string; typecheck: boolean; validate: boolean; allowEmpty?: boolean } & VersionFlags & ReportFlags) => {
      setExit(await synthCommand({ cwd: process.cwd(), ...opts, schemaVersions: versionsOf(opts) }));
    });
}
