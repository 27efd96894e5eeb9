import { displayText } from '../publish/display-text';
import { append } from '../append';
import { describeRef } from './manifest-object';
import { MAX_LISTED_OBJECTS, moreObjects } from './object-summary';
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
 * changed pipelines will do differently, images, replicas/resources, objects added and removed: the first
 * {@link MAX_LISTED_OBJECTS}, the rest counted by kind), then every changed object with its field changes. Every
 * name and value from a manifest is shown by `displayText`: no newline, escape sequence or bidi control passes raw.
 */
export function renderText(diff: TreeDiff, options: TextOptions = {}): string {
  const paint = (code: keyof typeof ANSI, text: string) => (options.color ? `${ANSI[code]}${text}${ANSI.reset}` : text);
  const { summary } = diff;
  if (diff.objects.length === 0) return 'kfops diff: no changes\n';
  const lines: string[] = [paint('bold', `kfops diff: ${summary.changed} changed, ${summary.added} added, ${summary.removed} removed`)];
  const section = (title: string, body: Iterable<string>) => {
    const shown = [...body];
    if (shown.length === 0) return;
    lines.push('', paint('bold', title));
    append(lines, shown);
  };

  const byPipeline = new Map<string, string[]>();
  for (const p of summary.parameters) {
    const list = byPipeline.get(p.pipeline) ?? [];
    list.push(`    ${formatParameterChange(p)}${p.env ? ` (${displayText(p.env)})` : ''}`);
    byPipeline.set(p.pipeline, list);
  }
  section('Parameters', [...byPipeline].flatMap(([pipeline, list]) => [`  ${displayText(pipeline)}`, ...list]));
  section('What will run differently', runLines(diff));
  section('Images', summary.images.map((c) => `  ${describeRef(c.ref)}: ${displayText(c.path)}: ${formatTransition(c.before, c.after)}`));
  section('Replicas and resources', summary.scaling.map((c) => `  ${describeRef(c.ref)}: ${displayText(c.path)}: ${formatTransition(c.before, c.after)}`));
  section('Kustomization files', summary.kustomizations.map((c) => `  ${describeRef(c.ref)}: ${displayText(c.path)}: ${c.before === undefined ? `+ ${formatValue(c.after)}` : c.after === undefined ? `- ${formatValue(c.before)}` : formatTransition(c.before, c.after)}`));
  section('Added', listed(diff.objects.filter((o) => o.op === 'added'), (o) => paint('green', `  + ${describeRef(o.ref)} (${displayText(String(o.headFile))})`)));
  section('Removed', listed(diff.objects.filter((o) => o.op === 'removed'), (o) => paint('red', `  - ${describeRef(o.ref)} (${displayText(String(o.baseFile))})`)));

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

function* runLines(diff: TreeDiff): Iterable<string> {
  for (const r of diff.runs) {
    yield `  ${displayText(r.pipeline)} (${displayText(r.ref.env || r.ref.kind)})${r.note ? `: not previewed (${displayText(r.note)})` : ''}`;
    for (const s of r.steps) for (const l of s.lines) yield `    ${displayText(s.step)}: ${formatRunLine(s, l)}`;
  }
}

/** The first {@link MAX_LISTED_OBJECTS} objects, one line each, then one line counting the rest by kind. */
function* listed(objects: readonly ObjectDiff[], line: (o: ObjectDiff) => string): Iterable<string> {
  for (const o of objects.slice(0, MAX_LISTED_OBJECTS)) yield line(o);
  if (objects.length > MAX_LISTED_OBJECTS) yield `  … ${moreObjects(objects.slice(MAX_LISTED_OBJECTS))}`;
}

function fileLabel(o: ObjectDiff): string {
  return o.baseFile === o.headFile ? displayText(String(o.headFile)) : `${displayText(String(o.baseFile))} -> ${displayText(String(o.headFile))}`;
}
