import { stringify } from 'yaml';
import { toMermaid } from './graph-format';
import { describeRef } from './manifest-object';
import { HighlightedChange } from './review-summary';
import { ObjectDiff, TreeDiff } from './semantic-diff';
import { formatChange, formatRunLine, formatValue, RUN_TIME_NOTE } from './value-format';

/** Longest comment body GitHub accepts, in characters. */
export const GITHUB_COMMENT_LIMIT = 65536;

/** Hidden first line of the comment, so CI finds and updates its own comment instead of adding one per push. */
export const DIFF_COMMENT_MARKER = '<!-- kfops-diff -->';

/** Options of {@link renderMarkdown}. */
export interface MarkdownOptions {
  /** Maximum length of the output in characters. @default GITHUB_COMMENT_LIMIT */
  readonly maxLength?: number;
  /** What was compared, shown under the heading, e.g. `origin/main → working tree`. @default - not shown */
  readonly subtitle?: string;
  /** Command the truncation note tells reviewers to run for the full diff. @default 'npx kfops diff' */
  readonly fullDiffCommand?: string;
}

const MAX_TABLE_ROWS = 100;
const MAX_CHANGES_PER_OBJECT = 200;
const MAX_BODY_LINES = 80;
/** Room kept for the truncation note. */
const FOOTER_RESERVE = 600;

interface Block {
  readonly text: string;
  readonly kind: 'graph' | 'object';
  readonly changes: number;
}

/**
 * Renders a diff as a GitHub pull request comment: the marker, a summary table of changed objects, parameter, image
 * and replica/resource tables, a Mermaid graph of each changed pipeline with added and changed steps highlighted,
 * and one collapsed `<details>` section per changed or added object. Sections that do not fit under `maxLength`
 * are left out and counted in a note at the end.
 */
export function renderMarkdown(diff: TreeDiff, options: MarkdownOptions = {}): string {
  const maxLength = options.maxLength ?? GITHUB_COMMENT_LIMIT;
  const { summary } = diff;
  const head: string[] = [DIFF_COMMENT_MARKER];
  head.push(diff.objects.length === 0
    ? '### kfops diff: no changes'
    : `### kfops diff: ${summary.changed} changed, ${summary.added} added, ${summary.removed} removed`);
  if (options.subtitle) head.push('', `_${escapeCell(options.subtitle)}_`);
  if (diff.objects.length > 0) head.push('', ...objectTable(diff.objects));
  if (summary.parameters.length > 0) {
    head.push('', '**Parameters**', '', '| Pipeline | Parameter | Environment | Base | Head |', '|---|---|---|---|---|');
    head.push(...capRows(summary.parameters.map((p) =>
      `| ${escapeCell(p.pipeline)} | ${code(p.parameter)} | ${escapeCell(p.env)} | ${p.op === 'added' ? '_(new)_' : code(formatValue(p.before))} | ${p.op === 'removed' ? '_(removed)_' : code(formatValue(p.after))}${p.argoExpression ? ` _${RUN_TIME_NOTE}_` : ''} |`), 5));
  }
  head.push(...runSection(diff));
  head.push(...highlightTable('Images', summary.images));
  head.push(...highlightTable('Replicas and resources', summary.scaling));
  head.push(...highlightTable('Kustomization files', summary.kustomizations));

  const blocks: Block[] = [];
  const graphs = diff.pipelines.filter((p) => p.graph && p.op !== 'removed');
  graphs.forEach((p, i) => {
    const steps = [
      p.addedSteps.length ? `${plural(p.addedSteps.length, 'step')} added` : '',
      p.changedSteps.length ? `${plural(p.changedSteps.length, 'step')} changed` : '',
      p.removedSteps.length ? `${plural(p.removedSteps.length, 'step')} removed (${p.removedSteps.join(', ')})` : '',
    ].filter(Boolean).join(', ');
    const mermaid = toMermaid(p.graph!, { added: new Set(p.addedSteps), changed: new Set(p.changedSteps) });
    const title = `${escapeHtml(p.pipeline)} (${escapeHtml(p.ref.env || p.ref.kind)})${p.op === 'added' ? ': new pipeline' : steps ? `: ${escapeHtml(steps)}` : ''}`;
    blocks.push({
      kind: 'graph',
      changes: 0,
      text: `${i === 0 ? '\n#### Pipelines\n' : ''}\n<details open><summary>${title}</summary>\n\n\`\`\`mermaid\n${mermaid}\`\`\`\n\n</details>\n`,
    });
  });
  const detailed = diff.objects.filter((o) => o.op !== 'removed');
  detailed.forEach((o, i) => blocks.push({
    kind: 'object',
    changes: Math.max(o.changes.length, 1),
    text: `${i === 0 ? '\n#### Changes\n' : ''}\n${objectDetails(o)}`,
  }));

  let out = `${head.join('\n')}\n`;
  if (out.length > maxLength - FOOTER_RESERVE) out = `${out.slice(0, maxLength - FOOTER_RESERVE)}\n`;
  let shown = 0;
  for (const block of blocks) {
    if (out.length + block.text.length > maxLength - FOOTER_RESERVE) break;
    out += block.text;
    shown++;
  }
  const omitted = blocks.slice(shown);
  if (omitted.length > 0) {
    const objects = omitted.filter((b) => b.kind === 'object');
    const graphsLeft = omitted.length - objects.length;
    const parts = [
      objects.length ? `${objects.length} object section(s) (${objects.reduce((n, b) => n + b.changes, 0)} change(s))` : '',
      graphsLeft ? `${graphsLeft} pipeline graph(s)` : '',
    ].filter(Boolean).join(' and ');
    out += `\n> [!NOTE]\n> Truncated: ${parts} not shown, to stay under GitHub's ${GITHUB_COMMENT_LIMIT.toLocaleString('en-US')}-character comment limit. `
      + `Run \`${options.fullDiffCommand ?? 'npx kfops diff'}\` locally for the full diff.\n`;
  }
  return out;
}

function objectTable(objects: readonly ObjectDiff[]): string[] {
  const rows = objects.map((o) => {
    const mark = o.op === 'added' ? 'added' : o.op === 'removed' ? 'removed' : `${o.changes.length} field change${o.changes.length === 1 ? '' : 's'}`;
    return `| ${escapeCell(o.ref.env)} | ${escapeCell(o.ref.kind)} | ${code(o.ref.name)}${o.ref.namespace ? ` (${escapeCell(o.ref.namespace)})` : ''} | ${mark} |`;
  });
  return ['| Environment | Kind | Name | Change |', '|---|---|---|---|', ...capRows(rows, 4)];
}

/** What runs will do differently, per changed pipeline: `- \`train\`: \`--train-steps 50000\` → \`--train-steps 12345\``. */
function runSection(diff: TreeDiff): string[] {
  if (diff.runs.length === 0) return [];
  const out = ['', '**What will run differently**'];
  for (const r of diff.runs) {
    out.push('', `${escapeHtml(r.pipeline)} (${escapeHtml(r.ref.env || r.ref.kind)})${r.note ? `: not previewed (${escapeHtml(r.note)})` : ':'}`);
    const lines = r.steps.flatMap((s) => s.lines.map((l) => `- ${code(s.step)}: ${formatRunLine(s, l, code, '→')}`));
    out.push(...(lines.length > MAX_TABLE_ROWS ? [...lines.slice(0, MAX_TABLE_ROWS), `- _… ${lines.length - MAX_TABLE_ROWS} more_`] : lines));
  }
  return out;
}

function highlightTable(title: string, changes: readonly HighlightedChange[]): string[] {
  if (changes.length === 0) return [];
  const rows = changes.map((c) => `| ${escapeCell(describeRef(c.ref))} | ${code(c.path)} | ${c.before === undefined ? '_(none)_' : code(formatValue(c.before))} | ${c.after === undefined ? '_(none)_' : code(formatValue(c.after))} |`);
  return ['', `**${title}**`, '', '| Object | Field | Base | Head |', '|---|---|---|---|', ...capRows(rows, 4)];
}

function capRows(rows: string[], columns: number): string[] {
  if (rows.length <= MAX_TABLE_ROWS) return rows;
  const more = `| _… ${rows.length - MAX_TABLE_ROWS} more_ ${'| '.repeat(columns - 1)}|`;
  return [...rows.slice(0, MAX_TABLE_ROWS), more];
}

function objectDetails(o: ObjectDiff): string {
  const summary = `${o.op === 'added' ? '➕' : '✏️'} ${escapeHtml(describeRef(o.ref))}: ${o.op === 'added' ? 'added' : `${o.changes.length} change${o.changes.length === 1 ? '' : 's'}`}`;
  let body: string;
  let lang: string;
  if (o.op === 'added') {
    const lines = stringify(o.body, { lineWidth: 0 }).trimEnd().split('\n');
    body = lines.slice(0, MAX_BODY_LINES).join('\n') + (lines.length > MAX_BODY_LINES ? `\n# … ${lines.length - MAX_BODY_LINES} more lines` : '');
    lang = 'yaml';
  } else {
    const lines = o.changes.slice(0, MAX_CHANGES_PER_OBJECT).flatMap((c) => {
      if (c.masked) return [`! ${formatChange(c)}`];
      if (c.op === 'changed') return [`- ${c.path}: ${formatValue(c.before)}`, `+ ${c.path}: ${formatValue(c.after)}`];
      return [`${c.op === 'added' ? '+' : '-'} ${formatChange(c)}`];
    });
    if (o.changes.length > MAX_CHANGES_PER_OBJECT) lines.push(`# … ${o.changes.length - MAX_CHANGES_PER_OBJECT} more changes`);
    body = lines.join('\n');
    lang = 'diff';
  }
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(body) + 1));
  const file = o.headFile ? `\n\n\`${o.headFile}\`` : '';
  return `<details><summary>${summary}</summary>${file}\n\n${fence}${lang}\n${body}\n${fence}\n\n</details>\n`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function longestBacktickRun(text: string): number {
  return Math.max(0, ...(text.match(/`+/g) ?? []).map((m) => m.length));
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeCell(text: string): string {
  return escapeHtml(text).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function code(text: string): string {
  return `<code>${escapeCell(text)}</code>`;
}
