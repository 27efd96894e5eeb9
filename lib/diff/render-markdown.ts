import { stringify } from 'yaml';
import { terminalLine } from '../preview/render-pod-text';
import { displayText } from '../publish/display-text';
import { append } from '../append';
import { toMermaid } from './graph-format';
import { describeRef } from './manifest-object';
import { MAX_LISTED_OBJECTS, moreObjects } from './object-summary';
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

/** A section of the comment below the tables, rendered only when it is reached and fits. */
interface Block {
  readonly text: () => string;
  readonly kind: 'graph' | 'object';
  readonly changes: number;
}

/**
 * Renders a diff as a GitHub pull request comment: the marker, a summary table of changed objects, parameter, image
 * and replica/resource tables, a Mermaid graph of each changed pipeline with added and changed steps highlighted,
 * and one collapsed `<details>` section per changed or added object. Sections that do not fit under `maxLength`
 * are left out and counted in a note at the end, without being rendered: the cost follows what is shown, not the
 * size of the diff. Names and values from manifests are shown by `displayText` and cannot leave their table cell,
 * code span or line.
 */
export function renderMarkdown(diff: TreeDiff, options: MarkdownOptions = {}): string {
  const maxLength = options.maxLength ?? GITHUB_COMMENT_LIMIT;
  const { summary } = diff;
  const head: string[] = [DIFF_COMMENT_MARKER];
  head.push(diff.objects.length === 0
    ? '### kfops diff: no changes'
    : `### kfops diff: ${summary.changed} changed, ${summary.added} added, ${summary.removed} removed`);
  if (options.subtitle) head.push('', `_${cell(options.subtitle)}_`);
  if (diff.objects.length > 0) {
    head.push('');
    append(head, objectTable(diff.objects));
  }
  if (summary.parameters.length > 0) {
    head.push('', '**Parameters**', '', '| Pipeline | Parameter | Environment | Base | Head |', '|---|---|---|---|---|');
    append(head, capRows(summary.parameters, 5, (p) =>
      `| ${cell(p.pipeline)} | ${code(displayText(p.parameter))} | ${cell(p.env)} | ${p.op === 'added' ? '_(new)_' : code(formatValue(p.before))} | ${p.op === 'removed' ? '_(removed)_' : code(formatValue(p.after))}${p.argoExpression ? ` _${RUN_TIME_NOTE}_` : ''} |`));
  }
  append(head, runSection(diff));
  append(head, highlightTable('Images', summary.images));
  append(head, highlightTable('Replicas and resources', summary.scaling));
  append(head, highlightTable('Kustomization files', summary.kustomizations));

  const blocks: Block[] = [];
  const graphs = diff.pipelines.filter((p) => p.graph && p.op !== 'removed');
  graphs.forEach((p, i) => {
    const steps = [
      p.addedSteps.length ? `${plural(p.addedSteps.length, 'step')} added` : '',
      p.changedSteps.length ? `${plural(p.changedSteps.length, 'step')} changed` : '',
      p.removedSteps.length ? `${plural(p.removedSteps.length, 'step')} removed (${p.removedSteps.join(', ')})` : '',
    ].filter(Boolean).join(', ');
    const title = `${escapeHtml(displayText(p.pipeline))} (${escapeHtml(displayText(p.ref.env || p.ref.kind))})${p.op === 'added' ? ': new pipeline' : steps ? `: ${escapeHtml(displayText(steps))}` : ''}`;
    blocks.push({
      kind: 'graph',
      changes: 0,
      text: () => `${i === 0 ? '\n#### Pipelines\n' : ''}\n<details open><summary>${title}</summary>\n\n\`\`\`mermaid\n${toMermaid(p.graph!, { added: new Set(p.addedSteps), changed: new Set(p.changedSteps) })}\`\`\`\n\n</details>\n`,
    });
  });
  let first = true;
  for (const o of diff.objects) {
    if (o.op === 'removed') continue;
    const heading = first ? '\n#### Changes\n' : '';
    first = false;
    blocks.push({ kind: 'object', changes: Math.max(o.changes.length, 1), text: () => `${heading}\n${objectDetails(o)}` });
  }

  let out = `${head.join('\n')}\n`;
  if (out.length > maxLength - FOOTER_RESERVE) out = `${out.slice(0, maxLength - FOOTER_RESERVE)}\n`;
  let shown = 0;
  for (const block of blocks) {
    const text = block.text();
    if (out.length + text.length > maxLength - FOOTER_RESERVE) break;
    out += text;
    shown++;
  }
  const omitted = blocks.slice(shown);
  if (omitted.length > 0) {
    let objects = 0;
    let changes = 0;
    for (const b of omitted) {
      if (b.kind !== 'object') continue;
      objects++;
      changes += b.changes;
    }
    const graphsLeft = omitted.length - objects;
    const parts = [
      objects ? `${objects} object section(s) (${changes} change(s))` : '',
      graphsLeft ? `${graphsLeft} pipeline graph(s)` : '',
    ].filter(Boolean).join(' and ');
    out += `\n> [!NOTE]\n> Truncated: ${parts} not shown, to stay under GitHub's ${GITHUB_COMMENT_LIMIT.toLocaleString('en-US')}-character comment limit. `
      + `Run \`${options.fullDiffCommand ?? 'npx kfops diff'}\` locally for the full diff.\n`;
  }
  return out;
}

/** Every differing object, the first {@link MAX_LISTED_OBJECTS} by name, then a row counting the rest by kind. */
function objectTable(objects: readonly ObjectDiff[]): string[] {
  const rows = ['| Environment | Kind | Name | Change |', '|---|---|---|---|'];
  for (const o of objects.slice(0, MAX_LISTED_OBJECTS)) {
    const mark = o.op === 'added' ? 'added' : o.op === 'removed' ? 'removed' : `${o.changes.length} field change${o.changes.length === 1 ? '' : 's'}`;
    rows.push(`| ${cell(o.ref.env)} | ${cell(o.ref.kind)} | ${code(displayText(o.ref.name))}${o.ref.namespace ? ` (${cell(o.ref.namespace)})` : ''} | ${mark} |`);
  }
  if (objects.length > MAX_LISTED_OBJECTS) rows.push(`| _… ${escapeInline(moreObjects(objects.slice(MAX_LISTED_OBJECTS)))}_ | | | |`);
  return rows;
}

/** What runs will do differently, per changed pipeline: `- \`train\`: \`--train-steps 50000\` → \`--train-steps 12345\``. */
function runSection(diff: TreeDiff): string[] {
  if (diff.runs.length === 0) return [];
  const out = ['', '**What will run differently**'];
  for (const r of diff.runs) {
    out.push('', `${cell(r.pipeline)} (${cell(r.ref.env || r.ref.kind)})${r.note ? `: not previewed (${cell(r.note)})` : ':'}`);
    let lines = 0;
    for (const s of r.steps) {
      for (const l of s.lines) {
        if (lines++ < MAX_TABLE_ROWS) out.push(`- ${code(displayText(s.step))}: ${formatRunLine(s, l, code, '→')}`);
      }
    }
    if (lines > MAX_TABLE_ROWS) out.push(`- _… ${lines - MAX_TABLE_ROWS} more_`);
  }
  return out;
}

function highlightTable(title: string, changes: readonly HighlightedChange[]): string[] {
  if (changes.length === 0) return [];
  const rows = ['', `**${title}**`, '', '| Object | Field | Base | Head |', '|---|---|---|---|'];
  append(rows, capRows(changes, 4, (c) => `| ${escapeInline(describeRef(c.ref))} | ${code(displayText(c.path))} | ${c.before === undefined ? '_(none)_' : code(formatValue(c.before))} | ${c.after === undefined ? '_(none)_' : code(formatValue(c.after))} |`));
  return rows;
}

/** The first {@link MAX_TABLE_ROWS} items as rows, then a row counting the rest; only shown rows are rendered. */
function capRows<T>(items: readonly T[], columns: number, row: (item: T) => string): string[] {
  const rows = items.slice(0, MAX_TABLE_ROWS).map(row);
  if (items.length > MAX_TABLE_ROWS) rows.push(`| _… ${items.length - MAX_TABLE_ROWS} more_ ${'| '.repeat(columns - 1)}|`);
  return rows;
}

function objectDetails(o: ObjectDiff): string {
  const summary = `${o.op === 'added' ? '➕' : '✏️'} ${escapeHtml(describeRef(o.ref))}: ${o.op === 'added' ? 'added' : `${o.changes.length} change${o.changes.length === 1 ? '' : 's'}`}`;
  let body: string;
  let lang: string;
  if (o.op === 'added') {
    // YAML escapes control characters but writes bidi and line-separator characters as they are.
    const lines = stringify(o.body, { lineWidth: 0 }).trimEnd().split('\n').map(terminalLine);
    body = lines.slice(0, MAX_BODY_LINES).join('\n') + (lines.length > MAX_BODY_LINES ? `\n# … ${lines.length - MAX_BODY_LINES} more lines` : '');
    lang = 'yaml';
  } else {
    const lines = o.changes.slice(0, MAX_CHANGES_PER_OBJECT).flatMap((c) => {
      if (c.masked) return [`! ${formatChange(c)}`];
      if (c.op === 'changed') return [`- ${displayText(c.path)}: ${formatValue(c.before)}`, `+ ${displayText(c.path)}: ${formatValue(c.after)}`];
      return [`${c.op === 'added' ? '+' : '-'} ${formatChange(c)}`];
    });
    if (o.changes.length > MAX_CHANGES_PER_OBJECT) lines.push(`# … ${o.changes.length - MAX_CHANGES_PER_OBJECT} more changes`);
    body = lines.join('\n');
    lang = 'diff';
  }
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(body) + 1));
  const file = o.headFile ? `\n\n${code(displayText(o.headFile))}` : '';
  return `<details><summary>${summary}</summary>${file}\n\n${fence}${lang}\n${body}\n${fence}\n\n</details>\n`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const m of text.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  return longest;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Text safe on a Markdown line and in a table cell: HTML and Markdown punctuation (emphasis, links, code spans,
 * pipes) escaped, so a value shows as it is and cannot open a link or leave its cell.
 */
function escapeInline(text: string): string {
  return escapeHtml(text).replace(/[\\`*_[\]~!|]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

/** A name or value from a manifest, in a cell or on a line. */
function cell(raw: string): string {
  return escapeInline(displayText(raw));
}

/** Text already shown by `displayText` (or `formatValue`), as inline code. */
function code(shown: string): string {
  return `<code>${escapeInline(shown)}</code>`;
}
