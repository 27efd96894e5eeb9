import { describeRef } from './manifest-object';
import { ObjectDiff, TreeDiff } from './semantic-diff';
import { formatChange, formatParameterChange, formatRunLine, formatTransition, formatValue } from './value-format';

/** Options of {@link renderText}. */
export interface TextOptions {
  /** Use ANSI colors. @default false */
  readonly color?: boolean;
}

const ANSI = { bold: '\x1b[1m', red: '\x1b[31m', green: '\x1b[32m', yellow: '\x1b[33m', dim: '\x1b[2m', reset: '\x1b[0m' };

/**
 * Renders a diff for a terminal: the reviewer summary (parameters per pipeline and environment, what runs of the
 * changed pipelines will do differently, images, replicas/resources, objects added and removed), then every
 * changed object with its field changes.
 */
export function renderText(diff: TreeDiff, options: TextOptions = {}): string {
  const paint = (code: keyof typeof ANSI, text: string) => (options.color ? `${ANSI[code]}${text}${ANSI.reset}` : text);
  const { summary } = diff;
  if (diff.objects.length === 0) return 'kfops diff: no changes\n';
  const lines: string[] = [paint('bold', `kfops diff: ${summary.changed} changed, ${summary.added} added, ${summary.removed} removed`)];
  const section = (title: string, body: string[]) => {
    if (body.length > 0) lines.push('', paint('bold', title), ...body);
  };

  const byPipeline = new Map<string, string[]>();
  for (const p of summary.parameters) {
    const list = byPipeline.get(p.pipeline) ?? [];
    list.push(`    ${formatParameterChange(p)}${p.env ? ` (${p.env})` : ''}`);
    byPipeline.set(p.pipeline, list);
  }
  section('Parameters', [...byPipeline].flatMap(([pipeline, list]) => [`  ${pipeline}`, ...list]));
  section('What will run differently', diff.runs.flatMap((r) => [
    `  ${r.pipeline} (${r.ref.env || r.ref.kind})${r.note ? `: not previewed (${r.note})` : ''}`,
    ...r.steps.flatMap((s) => s.lines.map((l) => `    ${s.step}: ${formatRunLine(s, l)}`)),
  ]));
  section('Images', summary.images.map((c) => `  ${describeRef(c.ref)}: ${c.path}: ${formatTransition(c.before, c.after)}`));
  section('Replicas and resources', summary.scaling.map((c) => `  ${describeRef(c.ref)}: ${c.path}: ${formatTransition(c.before, c.after)}`));
  section('Kustomization files', summary.kustomizations.map((c) => `  ${describeRef(c.ref)}: ${c.path}: ${c.before === undefined ? `+ ${formatValue(c.after)}` : c.after === undefined ? `- ${formatValue(c.before)}` : formatTransition(c.before, c.after)}`));
  section('Added', diff.objects.filter((o) => o.op === 'added').map((o) => paint('green', `  + ${describeRef(o.ref)} (${o.headFile})`)));
  section('Removed', diff.objects.filter((o) => o.op === 'removed').map((o) => paint('red', `  - ${describeRef(o.ref)} (${o.baseFile})`)));

  const changed = diff.objects.filter((o) => o.op === 'changed');
  if (changed.length > 0) lines.push('', paint('bold', 'Changes'));
  for (const o of changed) {
    lines.push(paint('yellow', `  ~ ${describeRef(o.ref)} (${fileLabel(o)})`));
    for (const c of o.changes) {
      const mark = c.op === 'added' ? '+' : c.op === 'removed' ? '-' : '~';
      const colorOf = c.op === 'added' ? 'green' : c.op === 'removed' ? 'red' : 'yellow';
      lines.push(`      ${paint(colorOf, mark)} ${formatChange(c)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function fileLabel(o: ObjectDiff): string {
  return o.baseFile === o.headFile ? String(o.headFile) : `${o.baseFile} -> ${o.headFile}`;
}
