import { MASKED } from './secret-finding';
import { isHarmlessValue, isSecretName } from './secret-names';

/**
 * Secrets passed on a command line: the value of a flag whose name says it is a secret (`--password=hunter2`,
 * `--api-key=...`, `--token=...`), and the password flags of clients whose flag is one letter (`mysql -p hunter2`,
 * `mysql -phunter2`, `sshpass -p hunter2`, `redis-cli -a hunter2`). A flag about a secret (`--password-file=/path`,
 * `--token-ttl=3600`) or a reference (`--password={{inputs.parameters.password}}`, `$(DB_PASS)`) holds none.
 */

/** What such a secret is called in messages. */
export const COMMAND_LINE_SECRET = 'a secret in a command-line flag (--password=..., mysql -p ...)';

/** `--name=value` anywhere in a string (an arg, or a command in a shell script). */
const FLAG_WITH_VALUE = /(?:^|[\s"'])--?([A-Za-z][\w.-]*)=("[^"]*"|'[^']*'|[^\s"';|&]+)/g;
/** Clients whose password flag is a single letter (a command, maybe with a path), by that letter. */
const SHORT_PASSWORD_CLIENTS = /(?:^|\/)(?:(mysql|mysqldump|mysqladmin|mysqlimport|mysqlshow|mariadb|mariadb-dump|mariadb-admin|sshpass)|(redis-cli))$/;

/** True when `value` is a secret and not a reference, a path, a number, a switch or a value already masked. */
function isLiteralSecret(value: string): boolean {
  const v = value.replace(/^(["'])(.*)\1$/, '$2');
  return v !== MASKED && !isHarmlessValue(v);
}

/** The letter of a client's password flag, when `word` (a command, maybe with a path) is such a client. */
function shortPasswordFlag(word: string): string | undefined {
  const m = SHORT_PASSWORD_CLIENTS.exec(word);
  return m ? (m[1] !== undefined ? 'p' : 'a') : undefined;
}

/** True when a string holds a secret flag value: `--password=x`, or `mysql ... -p x` within a shell command. */
export function hasCommandLineSecret(text: string): boolean {
  for (const m of text.matchAll(FLAG_WITH_VALUE)) {
    if (isSecretName(m[1]) && isLiteralSecret(m[2])) return true;
  }
  // The words of each command of a script that runs a client with a one-letter password flag. Other commands are
  // not split into words: `--token is required` in a help text is prose, not a flag and its value.
  for (const command of text.split(/[\n;|&]+/)) {
    const words = command.trim().split(/\s+/);
    if (words.some((w) => shortPasswordFlag(w) !== undefined) && secretArgIndexes(words).length > 0) return true;
  }
  return false;
}

/**
 * The text with the value of each secret flag masked (`--password=(masked)`), so a reviewer still sees which flag
 * changed; the whole text masked when a secret is left that has no `=` to cut at (`mysql -p x`).
 */
export function maskCommandLine(text: string): string {
  const out = text.replace(FLAG_WITH_VALUE, (whole, name: string, value: string) =>
    (isSecretName(name) && isLiteralSecret(value) ? whole.slice(0, whole.length - value.length) + MASKED : whole));
  return hasCommandLineSecret(out) ? MASKED : out;
}

/**
 * Indexes of the items of an argument list that are secrets given as the value after a flag: `['--password',
 * 'hunter2']`, `['mysql', '-u', 'root', '-p', 'hunter2']`, `['mysql', '-phunter2']`.
 */
export function secretArgIndexes(args: readonly unknown[]): number[] {
  const out: number[] = [];
  let short: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (typeof arg !== 'string') continue;
    short ??= shortPasswordFlag(arg);
    // Only a flag holds or precedes a secret; this runs on every list of every object.
    if (!arg.startsWith('-')) continue;
    // Whether the next item is a literal secret is asked only of a flag that takes one.
    const valueNext = () => {
      const next = args[i + 1];
      return typeof next === 'string' && !next.startsWith('-') && isLiteralSecret(next);
    };
    const long = /^--?([A-Za-z][\w.-]*)$/.exec(arg);
    if (long && long[1].length > 1 && isSecretName(long[1]) && valueNext()) out.push(++i);
    else if (short && arg === `-${short}` && valueNext()) out.push(++i);
    else if (short && arg.length > 2 && arg.startsWith(`-${short}`) && !arg.startsWith('--') && isLiteralSecret(arg.slice(2))) out.push(i);
  }
  return out;
}
