import { stringify } from 'yaml';
import { argUnits, shellWord } from './arg-units';
import { maskPreview } from './mask-preview';
import { describePlaceholder, placeholderLabel, placeholderNames, renderPlaceholders } from './placeholder';
import { summarize } from './render-document';
import { PreviewStep, RunPreview } from './run-preview';

/** Options of {@link renderPreviewText}. */
export interface PreviewTextOptions {
  /** Use ANSI colors. @default false */
  readonly color?: boolean;
}

const ANSI = { bold: '\x1b[1m', red: '\x1b[31m', green: '\x1b[32m', yellow: '\x1b[33m', dim: '\x1b[2m', reset: '\x1b[0m' };
type Paint = (code: keyof typeof ANSI, text: string) => string;

/**
 * Renders a preview for a terminal: what is submitted and with which parameters, then each step with its image,
 * command, args (a flag and its value on one line) and env, or the manifest it submits; skipped steps with the
 * reason; a legend of the values known only at run time; and the problems. Secrets are masked.
 */
export function renderPreviewText(preview: RunPreview, options: PreviewTextOptions = {}): string {
  const paint: Paint = (code, text) => (options.color ? `${ANSI[code]}${text}${ANSI.reset}` : text);
  const masked = maskPreview(preview);
  const names = placeholderNames(masked);
  const p = renderPlaceholders(masked);
  const lines: string[] = [paint('bold', `kfops preview: ${p.pipeline} in ${p.env}`)];
  lines.push(`  from ${p.source.kind} ${p.source.name} (${p.source.file})`);
  const w = p.workflow;
  const name = w.name ?? `${w.generateName ?? ''}<random>`;
  lines.push(`  submits Workflow ${name} in namespace ${w.namespace}, entrypoint ${w.entrypoint}${w.serviceAccountName ? `, service account ${w.serviceAccountName}` : ''}`);
  for (const trigger of p.triggers) lines.push(`  started by ${trigger}`);

  if (p.parameters.length > 0) {
    lines.push('', paint('bold', 'Parameters'));
    const width = Math.min(28, Math.max(...p.parameters.map((x) => x.name.length)));
    for (const x of p.parameters) {
      lines.push(`  ${x.name.padEnd(width)}  ${shown(x.value)}${x.source === 'override' ? paint('yellow', '  (--param)') : x.source === 'workflow' ? '  (from the Workflow)' : ''}`);
    }
  }

  const counts = summarize(preview);
  const parts = [`${counts.runs} run`, counts.skipped && `${counts.skipped} skipped`, counts.omitted && `${counts.omitted} omitted`,
    counts.maybe && `${counts.maybe} decided at run time`, counts.fails && `${counts.fails} fail`].filter(Boolean);
  lines.push('', paint('bold', `Steps (${parts.join(', ')})`));
  for (const step of p.steps) lines.push(...stepLines(step, paint));

  if (names.size > 0) {
    lines.push('', paint('bold', 'Known only at run time'));
    for (const n of [...names].sort()) lines.push(`  ${placeholderLabel(n)}  ${describePlaceholder(n)}`);
  }
  if (p.problems.length > 0) {
    lines.push('', paint('bold', 'Problems'));
    for (const x of p.problems) {
      const where = [x.step, x.path].filter(Boolean).join(': ');
      lines.push(`  ${paint(x.severity === 'error' ? 'red' : 'yellow', x.severity)}  ${where ? `${where}: ` : ''}${x.message}${x.fix ? ` (${x.fix})` : ''}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function stepLines(s: PreviewStep, paint: Paint): string[] {
  const head = `  ${paint(s.phase === 'runs' ? 'green' : s.phase === 'fails' ? 'red' : 'yellow', s.phase === 'runs' ? '●' : s.phase === 'maybe' ? '◐' : '○')} ${paint('bold', s.name)}`
    + `  [${describeType(s)}]${s.after.length ? `  after ${s.after.join(', ')}` : ''}${s.exitHandler ? '  (exit handler: runs last, whatever the outcome)' : ''}`;
  const out = [head];
  if (s.phase !== 'runs') out.push(`      ${paint(s.phase === 'fails' ? 'red' : 'yellow', s.phase === 'maybe' ? 'decided at run time' : s.phase)}: ${s.reason ?? ''}`);
  else if (s.when !== undefined) out.push(`      when      ${s.when}  (true)`);
  if (s.loop?.over !== undefined) out.push(`      loop      once per item of ${s.loop.over}`);
  if (s.container) out.push(...containerLines(s.container));
  if (s.resource) {
    const r = s.resource;
    for (const [label, value] of [['success', r.successCondition], ['failure', r.failureCondition]] as const) {
      if (value !== undefined) out.push(`      ${label.padEnd(9)} ${value}`);
    }
    if (r.text !== undefined) out.push('      manifest (not YAML):', ...indent(r.text.trimEnd(), 8));
    for (const object of r.objects) out.push('      manifest:', ...indent(stringify(object, { lineWidth: 0 }).trimEnd(), 8));
  }
  return out;
}

function describeType(s: PreviewStep): string {
  if (s.type !== 'resource' || !s.resource) return s.type;
  const kinds = s.resource.objects.map((o) => String(o.kind)).join(', ');
  return `resource: ${s.resource.action}${kinds ? ` ${kinds}` : ''}`;
}

function containerLines(c: Readonly<Record<string, unknown>>): string[] {
  const out: string[] = [];
  if (Array.isArray(c.containers)) {
    for (const inner of c.containers) out.push(...containerLines(inner as Record<string, unknown>));
    return out;
  }
  if (typeof c.image === 'string') out.push(`      image     ${c.image}`);
  if (Array.isArray(c.command)) out.push(`      command   ${c.command.map((x) => shellWord(String(x))).join(' ')}`);
  if (Array.isArray(c.args)) {
    const lines = argUnits(c.args.map(String)).map((u) => u.text);
    lines.forEach((line, i) => out.push(`      ${i === 0 ? 'args      ' : '          '}${line}`));
  }
  if (Array.isArray(c.env)) {
    (c.env as Record<string, unknown>[]).forEach((e, i) => {
      const value = e.value !== undefined ? shown(String(e.value)) : e.valueFrom !== undefined ? `(from ${valueFromLabel(e.valueFrom)})` : '';
      out.push(`      ${i === 0 ? 'env       ' : '          '}${String(e.name)}=${value}`);
    });
  }
  if (typeof c.source === 'string') out.push('      source:', ...indent(c.source.trimEnd(), 8));
  return out;
}

function valueFromLabel(valueFrom: unknown): string {
  const v = valueFrom as Record<string, Record<string, unknown> | undefined>;
  if (v.secretKeyRef) return `Secret ${String(v.secretKeyRef.name)} key ${String(v.secretKeyRef.key)}`;
  if (v.configMapKeyRef) return `ConfigMap ${String(v.configMapKeyRef.name)} key ${String(v.configMapKeyRef.key)}`;
  if (v.fieldRef) return `field ${String(v.fieldRef.fieldPath)}`;
  return JSON.stringify(valueFrom);
}

function shown(value: string): string {
  return value === '' ? "''" : value;
}

function indent(text: string, n: number): string[] {
  return text.split('\n').map((l) => `${' '.repeat(n)}${l}`);
}
