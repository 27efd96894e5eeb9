import { UserError } from '../user-error';

/**
 * Why input could not be read. Validate reports each as the rule `input/<reason>`.
 *
 * I/O reasons (the file system entry itself is unusable) exit 2; the others are invalid input and exit 1.
 */
export enum ReadErrorReason {
  /** the path does not exist */
  NOT_FOUND = 'not-found',
  /** permission denied, a folder where a file was expected, or another file system error */
  UNREADABLE = 'unreadable',
  /** a symbolic link inside a tree being read: refused, never followed (loops and dangling links included) */
  SYMLINK = 'symlink',
  /** a file or folder name that is not valid UTF-8 */
  FILE_NAME = 'file-name',
  /** larger than the size limit */
  TOO_LARGE = 'too-large',
  /** NUL bytes or invalid UTF-8: not a text file */
  BINARY = 'binary',
  /** not valid YAML */
  SYNTAX = 'syntax',
  /** the same key twice in one mapping */
  DUPLICATE_KEY = 'duplicate-key',
  /** a mapping or sequence (or nothing) used as a mapping key, which JSON cannot hold */
  COMPLEX_KEY = 'complex-key',
  /** aliases expand the document far beyond what is written */
  ALIAS_BOMB = 'alias-bomb',
  /** nested deeper than the depth limit */
  TOO_DEEP = 'too-deep',
  /** a value JSON cannot hold (`.inf`, `.nan`) */
  NOT_JSON = 'not-json',
  /** a document that is not a mapping, or a List item that is not one */
  NOT_AN_OBJECT = 'not-an-object',
}

const IO_REASONS: ReadonlySet<ReadErrorReason> = new Set([
  ReadErrorReason.NOT_FOUND, ReadErrorReason.UNREADABLE, ReadErrorReason.SYMLINK, ReadErrorReason.FILE_NAME,
]);

/**
 * The exit code of input that cannot be read for `reason`, for every command alike: 2 when the file system entry
 * itself is unusable (missing, unreadable, a link, a special file, a name that is not UTF-8), 1 when its content
 * is invalid input.
 */
export function readErrorExitCode(reason: ReadErrorReason): 1 | 2 {
  return IO_REASONS.has(reason) ? 2 : 1;
}

/** What a {@link ManifestReadError} is made of. */
export interface ManifestReadErrorProps {
  /** the file as messages show it */
  readonly file: string;
  readonly reason: ReadErrorReason;
  /** what is wrong, without the file name; `is ...` when it is said of the file (`is not UTF-8 text`) */
  readonly problem: string;
  /** how to fix it */
  readonly fix: string;
  /** 1-based line, when known */
  readonly line?: number;
  /** 1-based column, when known */
  readonly column?: number;
}

/**
 * The one error for input kfops cannot read: file system trouble, binary or oversized files, YAML that is invalid
 * or hostile. A `UserError` (exit 2 for I/O reasons, 1 for invalid input) whose message is
 * `file:line:col: problem (fix)`; validate turns it into a violation instead.
 *
 * Messages never quote the file's bytes, so nothing of a binary file reaches a terminal.
 */
export class ManifestReadError extends UserError {
  public readonly file: string;
  public readonly reason: ReadErrorReason;
  public readonly problem: string;
  public readonly fix: string;
  public readonly line?: number;
  public readonly column?: number;

  constructor(props: ManifestReadErrorProps) {
    const where = props.line === undefined ? props.file : `${props.file}:${props.line}${props.column === undefined ? '' : `:${props.column}`}`;
    super(`${aboutFile(props.problem) ? `${where} ${props.problem}` : `${where}: ${props.problem}`} (${props.fix})`, readErrorExitCode(props.reason));
    this.name = 'ManifestReadError';
    this.file = props.file;
    this.reason = props.reason;
    this.problem = props.problem;
    this.fix = props.fix;
    this.line = props.line;
    this.column = props.column;
  }

  /** The problem as a sentence of its own: `dist/x.yaml is not UTF-8 text`, `duplicate key "name": ...`. */
  get statement(): string {
    return aboutFile(this.problem) ? `${this.file} ${this.problem}` : this.problem;
  }
}

/** Problems about the file as a whole read as a predicate of its name (`is not UTF-8 text`). */
function aboutFile(problem: string): boolean {
  return problem.startsWith('is ');
}

/** True for {@link ManifestReadError}s. */
export function isManifestReadError(err: unknown): err is ManifestReadError {
  return err instanceof ManifestReadError;
}
