/**
 * Values known only at run time travel through substitution as placeholders: a private-use character pair around
 * the variable's name, which no manifest holds, which survives JSON and YAML as text, and which renders as
 * `<workflow.uid>`. Characters of the name other than letters, digits, `.`, `_` and `-` are escaped with other
 * private-use characters, so a placeholder is plain text wherever the value it stands for goes: an expression
 * (`{{=sprig.replace("a", "b", x)}}`) inside a quoted YAML string does not close the string, as its value would
 * not at run time.
 */
const OPEN = '\uE000';
const CLOSE = '\uE001';
const PLACEHOLDER = /\uE000([^\uE000\uE001]*)\uE001/g;
const ESCAPED = /\uE002([0-9a-f]+)\uE003/g;

/** The placeholder for a run-time variable (`workflow.uid`) or expression (`=sprig.trim(...)`). */
export function placeholder(name: string): string {
  return `${OPEN}${name.replace(/[^A-Za-z0-9._-]/gu, (c) => `\uE002${c.codePointAt(0)!.toString(16)}\uE003`)}${CLOSE}`;
}

/** The name a placeholder's text stands for. */
function nameOf(text: string): string {
  return text.replace(ESCAPED, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)));
}

/** True when a string holds a placeholder. */
export function hasPlaceholder(text: string): boolean {
  return text.includes(OPEN);
}

/** The names of the placeholders in a value (every string of it, deeply), in order of appearance. */
export function placeholderNames(value: unknown, out: Set<string> = new Set()): Set<string> {
  if (typeof value === 'string') {
    for (const m of value.matchAll(PLACEHOLDER)) out.add(nameOf(m[1]));
  } else if (Array.isArray(value)) {
    for (const v of value) placeholderNames(v, out);
  } else if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) placeholderNames(v, out);
  }
  return out;
}

/** How a placeholder shows in output: `<workflow.uid>`, `<expr: sprig.trim(x)>`. */
export function placeholderLabel(name: string): string {
  return name.startsWith('=') ? `<expr: ${name.slice(1).trim()}>` : `<${name}>`;
}

/** The value with every placeholder rendered as its label, deeply; the input is not modified. */
export function renderPlaceholders<T>(value: T): T {
  if (typeof value === 'string') return (hasPlaceholder(value) ? value.replace(PLACEHOLDER, (_, text: string) => placeholderLabel(nameOf(text))) : value) as T;
  if (Array.isArray(value)) return value.map(renderPlaceholders) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [renderPlaceholders(k), renderPlaceholders(v)])) as T;
  }
  return value;
}

/** Run-time variables by prefix, with what they stand for. */
const RUNTIME: readonly [RegExp, (m: RegExpExecArray) => string][] = [
  [/^workflow\.name$/, () => "the Workflow's name, generated from its generateName when it is submitted"],
  [/^workflow\.uid$/, () => "the Workflow's UID, set by Kubernetes when the Workflow is created"],
  [/^workflow\.creationTimestamp(\..*)?$/, () => 'when the Workflow is created'],
  [/^workflow\.scheduledTime$/, () => 'the time the CronWorkflow scheduled the run for'],
  [/^workflow\.(status|failures|duration)$/, (m) => `the Workflow's ${m[1]}, known when it ends (in exit handlers)`],
  [/^workflow\.outputs\.(.+)$/, (m) => `workflow output ${m[1]}, set by a step at run time`],
  [/^workflow\.(labels|annotations)(\.(.+))?$/, (m) => (m[3] ? `${m[1].slice(0, -1)} ${m[3]} of the submitted Workflow` : `the submitted Workflow's ${m[1]}`)],
  [/^pod\.name$/, () => "the step's pod name, derived from the Workflow's name"],
  [/^node\.name$/, () => "the step's node name, derived from the Workflow's name"],
  [/^retries(\..*)?$/, () => 'the retry attempt, counted at run time'],
  [/^(tasks|steps)\.([^.]+)\.outputs\.parameters\.(.+)$/, (m) => `output parameter ${m[3]} of step ${m[2]}, known when ${m[2]} has run`],
  [/^(tasks|steps)\.([^.]+)\.outputs\.result$/, (m) => `the standard output of step ${m[2]}, known when it has run`],
  [/^(tasks|steps)\.([^.]+)\.outputs\.artifacts\.(.+)$/, (m) => `output artifact ${m[3]} of step ${m[2]}`],
  [/^(tasks|steps)\.([^.]+)\.(.+)$/, (m) => `${m[3]} of step ${m[2]}, known when it has run`],
  [/^item(\..*)?$/, () => 'the current item of a loop over a list known only at run time'],
  [/^=(.*)$/s, () => 'an expression Argo evaluates at run time'],
];

/** True for the name of a variable whose value exists only once the run does (`tasks.x.outputs.result`). */
export function isRuntimeVariable(name: string): boolean {
  return RUNTIME.some(([pattern]) => pattern.test(name));
}

/** What a placeholder stands for, for the legend under a preview. */
export function describePlaceholder(name: string): string {
  for (const [pattern, describe] of RUNTIME) {
    const m = pattern.exec(name);
    if (m) return describe(m);
  }
  return 'known only at run time';
}
