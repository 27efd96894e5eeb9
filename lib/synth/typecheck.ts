import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
// Type-only: the compiler is the project's own, loaded at run time (kfops does not need it to run).
import type * as TS from 'typescript';
import { UserError } from '../user-error';

/** Options of {@link typecheckApp}. */
export interface TypecheckOptions {
  /** The project root: where `typescript` and `tsconfig.json` are looked up, and paths in messages start. */
  readonly cwd: string;
  /** The app's entry file (absolute): the program is it and what it imports. */
  readonly entry: string;
  /**
   * Where the incremental state (`.tsbuildinfo`) is kept between runs.
   * @default - node_modules/.cache/kfops/typecheck/ in the project
   */
  readonly cacheDir?: string;
}

/** The outcome of {@link typecheckApp}. */
export interface TypecheckResult {
  /** Source files in the program (the app, what it imports, and type declarations). */
  readonly files: number;
  /** Each error as `file:line:col: error TSnnnn: message`, paths relative to the project. */
  readonly errors: readonly string[];
}

/**
 * Type-checks the app's program (its entry file and everything it imports, not tests) with the project's
 * `typescript` and `tsconfig.json` compiler options, incrementally: the `.tsbuildinfo` left by the last run lets
 * an unchanged program skip checking. tsx, which runs the app, strips types without checking them.
 *
 * @throws UserError (exit 2) when the project has no usable `typescript` or its tsconfig.json cannot be read
 */
export function typecheckApp(options: TypecheckOptions): TypecheckResult {
  const ts = loadTypescript(options.cwd);
  const tsconfig = path.join(options.cwd, 'tsconfig.json');
  const cacheDir = options.cacheDir ?? path.join(options.cwd, 'node_modules', '.cache', 'kfops', 'typecheck');
  const key = createHash('sha256').update(`${options.entry}\0${tsconfig}`).digest('hex').slice(0, 16);
  const compilerOptions: TS.CompilerOptions = {
    ...projectOptions(ts, tsconfig, options.cwd),
    noEmit: true,
    incremental: true,
    composite: false,
    tsBuildInfoFile: path.join(cacheDir, `${key}.tsbuildinfo`),
  };
  const host = ts.createIncrementalCompilerHost(compilerOptions);
  const program = ts.createIncrementalProgram({ rootNames: [options.entry], options: compilerOptions, host });
  const diagnostics = [
    ...program.getConfigFileParsingDiagnostics(),
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...program.getSyntacticDiagnostics(),
    ...program.getSemanticDiagnostics(),
  ];
  // With noEmit this writes only the .tsbuildinfo; failing to write it costs the next run time, nothing else.
  program.emit();
  return {
    files: program.getProgram().getSourceFiles().length,
    errors: diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error).map((d) => formatDiagnostic(ts, d, options.cwd)),
  };
}

function loadTypescript(cwd: string): typeof TS {
  let resolved: string;
  try {
    resolved = require.resolve('typescript', { paths: [cwd] });
  } catch {
    throw new UserError(`type checking the app needs the typescript package, which ${cwd} does not have: install it `
      + '(npm install --save-dev typescript@6.0) or synth without type checking (--no-typecheck)', 2);
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require(resolved) as typeof TS;
  if (typeof ts.createIncrementalProgram !== 'function') {
    throw new UserError(`the project's typescript (${resolved}) has no compiler API (TypeScript 7 is native): `
      + 'install typescript@6.0 beside it, or synth without type checking (--no-typecheck)', 2);
  }
  return ts;
}

/** The project's compiler options: tsconfig.json's (its file lists are ignored), else defaults for a Node app. */
function projectOptions(ts: typeof TS, tsconfig: string, cwd: string): TS.CompilerOptions {
  if (!fs.existsSync(tsconfig)) {
    let hasNodeTypes = true;
    try {
      require.resolve('@types/node/package.json', { paths: [cwd] });
    } catch {
      hasNodeTypes = false;
    }
    return {
      strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16,
      esModuleInterop: true, skipLibCheck: true, resolveJsonModule: true, types: hasNodeTypes ? ['node'] : [],
    };
  }
  const read = ts.readConfigFile(tsconfig, ts.sys.readFile);
  if (read.error) {
    throw new UserError(`${path.relative(cwd, tsconfig)}: ${ts.flattenDiagnosticMessageText(read.error.messageText, ' ')} `
      + '(fix it, or synth without type checking: --no-typecheck)', 2);
  }
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, cwd, undefined, tsconfig);
  // TS18003 "no inputs were found": the program's root is the app's entry, not tsconfig's include list.
  const problems = parsed.errors.filter((d) => d.code !== 18003 && d.category === ts.DiagnosticCategory.Error);
  if (problems.length > 0) {
    throw new UserError(`${path.relative(cwd, tsconfig)}: ${problems.map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' ')).join('; ')} `
      + '(fix it, or synth without type checking: --no-typecheck)', 2);
  }
  return parsed.options;
}

function formatDiagnostic(ts: typeof TS, d: TS.Diagnostic, cwd: string): string {
  const message = ts.flattenDiagnosticMessageText(d.messageText, '\n').replace(/\n/g, '\n    ');
  if (!d.file || d.start === undefined) return `error TS${d.code}: ${message}`;
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  return `${path.relative(cwd, d.file.fileName)}:${line + 1}:${character + 1}: error TS${d.code}: ${message}`;
}
