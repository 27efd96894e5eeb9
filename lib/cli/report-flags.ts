import type { Command } from 'commander';
import { UserError } from '../user-error';
import { TextOptions, WarningDisplay } from '../validate/format';

/** The flags that shape the text report of `kfops validate` and `kfops synth`. */
export interface ReportFlags {
  /** List errors only; warnings are counted in the closing line. @default false */
  readonly errorsOnly?: boolean;
  /** Print nothing on success, only the errors on failure. @default false */
  readonly quiet?: boolean;
  /** List every warning, not one line per rule. @default false */
  readonly verbose?: boolean;
}

/** Registers `--errors-only`, `-q, --quiet` and `--verbose` on a command. */
export function addReportFlags(command: Command): Command {
  return command
    .option('--errors-only', 'list errors only (warnings are counted in the last line)')
    .option('-q, --quiet', 'print nothing on success, and only the errors on failure')
    .option('--verbose', 'list every warning (default: one line per rule, with its count)');
}

/**
 * The text report options the flags ask for.
 *
 * @param otherFlags flags of the command that leave no text report to shape, by name (`--format json`, `--no-validate`)
 * @throws UserError (exit 2) naming both flags when two of them conflict
 */
export function textOptionsOf(flags: ReportFlags, otherFlags: readonly string[] = []): Omit<TextOptions, 'strict'> {
  const given = [flags.errorsOnly && '--errors-only', flags.quiet && '--quiet', flags.verbose && '--verbose'].filter((f): f is string => !!f);
  if (flags.verbose && given.length > 1) {
    throw new UserError(`${given.find((f) => f !== '--verbose')} and --verbose conflict: one hides warnings, the other lists each; drop one`, 2);
  }
  if (given.length > 0 && otherFlags.length > 0) {
    throw new UserError(`${given[0]} and ${otherFlags[0]} conflict: ${given[0]} shapes the text report, which ${otherFlags[0]} does not `
      + 'print; drop one', 2);
  }
  if (flags.quiet) return { quiet: true };
  if (flags.errorsOnly) return { warnings: WarningDisplay.NONE };
  return { warnings: flags.verbose ? WarningDisplay.LIST : WarningDisplay.SUMMARY };
}
