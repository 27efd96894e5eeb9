/** Words TypeScript reserves, which cannot name a variable. */
const RESERVED = new Set(('break case catch class const continue debugger default delete do else enum export extends false finally for '
  + 'function if import in instanceof new null return super switch this throw true try typeof var void while with as implements '
  + 'interface let package private protected public static yield await any boolean number string symbol of type').split(' '));

/** `my-template_name` as `myTemplateName`; a leading digit gets a `_`. */
export function camelCase(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const camel = words.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1))).join('');
  const safe = camel === '' ? 'x' : /^[0-9]/.test(camel) ? `_${camel}` : camel;
  return RESERVED.has(safe) ? `${safe}_` : safe;
}

/** `my-workflow` as `MyWorkflow`. */
export function pascalCase(name: string): string {
  const camel = camelCase(name).replace(/_$/, '');
  return /^_/.test(camel) ? `W${camel}` : camel.charAt(0).toUpperCase() + camel.slice(1);
}

/** Hands out variable names unique within one scope, trying the candidates in order, then numbering the first. */
export class Identifiers {
  private readonly taken = new Set<string>(['scope', 'id', 'props', 'this']);

  /** Marks names used by the surrounding code. */
  reserve(...names: string[]): void {
    names.forEach((n) => this.taken.add(n));
  }

  /** A fresh name from the first free candidate (each camel-cased). */
  fresh(...candidates: string[]): string {
    const names = candidates.map(camelCase);
    const free = names.find((n) => !this.taken.has(n));
    if (free) {
      this.taken.add(free);
      return free;
    }
    for (let i = 2; ; i++) {
      const n = `${names[0]}${i}`;
      if (!this.taken.has(n)) {
        this.taken.add(n);
        return n;
      }
    }
  }
}
