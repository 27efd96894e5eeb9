/**
 * How bad a violation is.
 *
 * `error`: the cluster would reject the object, the pipeline would break at run time, or a credential leaks.
 * `warning`: a likely mistake or a risky habit; fails the run only with `--strict`.
 */
export enum Severity {
  ERROR = 'error',
  WARNING = 'warning',
}

/**
 * One thing wrong with one object (or file).
 *
 * @example { path: 'spec.entrypoint', message: 'entrypoint "mian" is not a template', rule: 'argo/entrypoint', severity: Severity.ERROR, fix: 'set spec.entrypoint to "main"' }
 */
export interface Violation {
  /** where in the object, as a JSON path (`spec.templates[0].container.image`); `''` is the object or file itself */
  readonly path: string;
  /** what is wrong, with the value found and what was expected */
  readonly message: string;
  /** machine-readable class, `<area>/<check>` (`argo/dag-cycle`, `k8s/name`) or a schema rule (`unknown-field`) */
  readonly rule: string;
  readonly severity: Severity;
  /** how to fix it, when kfops can tell */
  readonly fix?: string;
  /** 1-based line in the file, when known (params files, YAML syntax errors) */
  readonly line?: number;
  /** 1-based column in the file, when known */
  readonly column?: number;
}

/**
 * Everything found about one object, or about a file that could not be read into objects.
 *
 * `kind`, `namespace` and `name` are absent for file-level results (a YAML syntax error, a params file).
 */
export interface ObjectResult {
  /** the file, relative to the working directory */
  readonly file: string;
  /** 1-based line where the object's document starts, when the file holds several documents */
  readonly line?: number;
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly namespace?: string;
  readonly name?: string;
  /** the construct that produced the object, from `construct-metadata.json` when the tree has one */
  readonly constructPath?: string;
  readonly violations: readonly Violation[];
}

/** The outcome of validating a set of files. */
export interface ValidationReport {
  /** one entry per object and per file-level problem, sorted by file then position; clean objects included */
  readonly results: readonly ObjectResult[];
  /** how many files were read */
  readonly files: number;
  /** how many objects were validated */
  readonly objects: number;
}

/** Shorthand for an error-severity violation. */
export function error(path: string, rule: string, message: string, fix?: string): Violation {
  return fix === undefined ? { path, rule, message, severity: Severity.ERROR } : { path, rule, message, severity: Severity.ERROR, fix };
}

/** A violation of the severity a schema finding carries: an error unless it says `warning`. */
export function ofSeverity(severity: 'warning' | undefined, path: string, rule: string, message: string, fix?: string): Violation {
  return (severity === 'warning' ? warning : error)(path, rule, message, fix);
}

/** Shorthand for a warning-severity violation. */
export function warning(path: string, rule: string, message: string, fix?: string): Violation {
  return fix === undefined
    ? { path, rule, message, severity: Severity.WARNING }
    : { path, rule, message, severity: Severity.WARNING, fix };
}

/**
 * Keeps the violations of a run with one copy of each distinct text: a run with a finding in each of 150,000
 * objects repeats a few paths, messages and fixes, each built anew (and kept as a chain of the pieces it was
 * joined from) for every object. Up to `limit` distinct texts are shared; past that, texts are kept as they are.
 */
export class ViolationTexts {
  private readonly texts = new Map<string, string>();

  constructor(private readonly limit = 100_000) {}

  /** The violations as the report keeps them: same fields, same order, shared texts, an array of their number. */
  keep(violations: readonly Violation[]): Violation[] {
    return violations.map((v) => ({
      ...v, path: this.shared(v.path), message: this.shared(v.message), rule: this.shared(v.rule),
      ...(v.fix !== undefined && { fix: this.shared(v.fix) }),
    }));
  }

  private shared(text: string): string {
    const known = this.texts.get(text);
    if (known !== undefined) return known;
    if (this.texts.size < this.limit) this.texts.set(text, text);
    return text;
  }
}

/** Counts errors and warnings over a report. */
export function countViolations(results: readonly ObjectResult[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const result of results) {
    for (const v of result.violations) {
      if (v.severity === Severity.ERROR) errors++;
      else warnings++;
    }
  }
  return { errors, warnings };
}

/** True when the report should fail the run: any error, or any warning under `strict`. */
export function reportFails(results: readonly ObjectResult[], strict: boolean): boolean {
  const { errors, warnings } = countViolations(results);
  return errors > 0 || (strict && warnings > 0);
}
