/** An argument as a reviewer reads it: a flag with its value (`--train-steps 50000`, `--train-steps=50000`), or one word. */
export interface ArgUnit {
  /** the flag, `--train-steps`, when the unit is one */
  readonly flag?: string;
  /** the unit as shown, words quoted the way a shell would need them */
  readonly text: string;
}

/**
 * Groups arguments into units: `--flag value` pairs (a flag followed by a word that is not a flag), `--flag=value`
 * words, and single words.
 */
export function argUnits(args: readonly string[]): ArgUnit[] {
  const out: ArgUnit[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const next = args[i + 1];
    const eq = a.indexOf('=');
    if (isFlag(a) && eq > 0) {
      out.push({ flag: a.slice(0, eq), text: shellWord(a) });
    } else if (isFlag(a) && next !== undefined && !isFlag(next)) {
      out.push({ flag: a, text: `${shellWord(a)} ${shellWord(next)}` });
      i++;
    } else {
      out.push({ ...(isFlag(a) && { flag: a }), text: shellWord(a) });
    }
  }
  return out;
}

function isFlag(word: string): boolean {
  return /^--?[A-Za-z]/.test(word);
}

/** A word as a shell would need it quoted: `''` for empty, quotes around spaces; `<placeholders>` stay readable. */
export function shellWord(text: string): string {
  // A placeholder (`<expr: ...>`) reads as it is: quoting it would only hide it.
  const outside = text.replace(/<[^<>]*>/g, 'x');
  return /^[\w@%+=:,./-]*$/.test(outside) && text !== '' ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
