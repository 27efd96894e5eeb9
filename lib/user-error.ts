/**
 * An error caused by the user's input (a pipeline, a params file, a manifest, a flag).
 *
 * The CLI prints its message without a stack trace and exits with `exitCode`; any other error is a bug in kfops
 * and is printed with its stack. Messages say where (construct path or file:line), what, and the fix.
 */
export class UserError extends Error {
  /**
   * @param message where, what is wrong, and the fix
   * @param exitCode process exit code the CLI uses @default 1
   */
  constructor(message: string, public readonly exitCode: number = 1) {
    super(message);
    this.name = 'UserError';
  }
}

/** True for errors whose message is meant for the user as it is. */
export function isUserError(err: unknown): err is UserError {
  return err instanceof UserError;
}
