import { DEFAULT_MAX_FILE_BYTES } from '../manifest';
import { UserError } from '../user-error';
import { ChangeSummary, EnvironmentChanges, formatObjectRef, ParameterChange } from './change-summary';
import { displayText } from './display-text';

/** Options of {@link formatCommitMessage}. */
export interface CommitMessageOptions {
  /** First line of the message. @default - generated from the summary, e.g. `kfops publish: prod (1 changed)` */
  readonly subject?: string;
  /** Commit (hex id) of the source repo the manifests were synthesized from. @default - no `Source-Commit` trailer */
  readonly sourceCommit?: string;
}

/** Trailer that links a deploy-repo commit to the source commit it was built from (`git log --format=%(trailers)`). */
export const SOURCE_COMMIT_TRAILER = 'Source-Commit';

/** Objects listed per environment before the rest is counted, so a first publish of a big tree stays readable. */
const MAX_LISTED = 40;

/**
 * The commit message of a publish: a subject naming the environments and counts, a body listing the objects
 * added, changed and removed per environment and the parameter values that changed, and a `Source-Commit`
 * trailer. Same summary, same bytes.
 *
 * The trailer block cannot be forged by what the manifests hold: every value taken from them (environment,
 * object, file, pipeline and parameter names, parameter values) is shown on one line by {@link displayText},
 * body lines start with two spaces or with a fixed phrase that git does not read as a trailer
 * (`Changes in ...`), so `git interpret-trailers --parse` finds kfops' `Source-Commit` and nothing else.
 *
 * @example
 * kfops publish: prod (1 changed)
 *
 * Changes in prod: 1 changed (1 file)
 *   ~ WorkflowTemplate/workflow1
 *
 * Parameter changes:
 *   workflow1 train-steps: 10000 -> 12345 (prod)
 *
 * Source-Commit: 4f1c2e0...
 */
export function formatCommitMessage(summary: ChangeSummary, options: CommitMessageOptions = {}): string {
  const subject = options.subject?.replace(/\s*[\r\n\v\f\u2028\u2029]\s*/g, ' ').trim();
  const paragraphs = [subject || formatSubject(summary), formatChanges(summary)];
  if (options.sourceCommit !== undefined) {
    if (!/^[0-9a-f]{7,64}$/.test(options.sourceCommit)) {
      throw new UserError(`source commit ${displayText(options.sourceCommit)} is not a commit id (expected 7 to 64 hex digits)`, 2);
    }
    paragraphs.push(`${SOURCE_COMMIT_TRAILER}: ${options.sourceCommit}`);
  }
  return `${paragraphs.filter((p) => p.length > 0).join('\n\n')}\n`;
}

/** `kfops publish: dev, prod (2 added, 1 changed)`. */
export function formatSubject(summary: ChangeSummary): string {
  const envs = summary.environments.map((e) => displayText(e.env)).join(', ');
  const total = (pick: (e: EnvironmentChanges) => unknown[]) =>
    summary.environments.reduce((n, e) => n + pick(e).length, 0);
  const counts = formatCounts(total((e) => e.added), total((e) => e.changed), total((e) => e.removed));
  const files = summary.environments.reduce((n, e) => n + e.files, 0);
  return `kfops publish: ${envs} (${counts || plural(files, 'file') + ' changed'})`;
}

/** The body without trailers: per-environment object lists, then parameter changes. Empty for an empty summary. */
export function formatChanges(summary: ChangeSummary): string {
  const lines: string[] = [];
  for (const env of summary.environments) {
    const counts = formatCounts(env.added.length, env.changed.length, env.removed.length);
    const files = plural(env.files, 'file');
    lines.push(`Changes in ${displayText(env.env)}: ${counts ? `${counts} (${files})` : `${files} changed`}`);
    const items = [
      ...env.added.map((r) => `+ ${formatObjectRef(r)}`),
      ...env.changed.map((r) => `~ ${formatObjectRef(r)}`),
      ...env.removed.map((r) => `- ${formatObjectRef(r)}`),
      ...env.otherFiles.map((f) => `${CHANGE_SIGNS[f.change]} file ${displayText(f.path)}${f.tooLarge ? ` (${TOO_LARGE})` : ''}`),
    ];
    lines.push(...items.slice(0, MAX_LISTED).map((i) => `  ${i}`));
    if (items.length > MAX_LISTED) lines.push(`  ... and ${items.length - MAX_LISTED} more`);
  }
  const parameters = summary.environments.flatMap((e) => e.parameters.map((p) => formatParameter(e.env, p)));
  if (parameters.length > 0) lines.push('', 'Parameter changes:', ...parameters.map((p) => `  ${p}`));
  return lines.join('\n');
}

/** How a file or object change is marked in lists: `+` added, `~` changed, `-` removed. */
export const CHANGE_SIGNS = { added: '+', changed: '~', removed: '-' } as const;

/** Why a file's objects are not listed. */
const TOO_LARGE = `objects not listed: over the ${DEFAULT_MAX_FILE_BYTES / 1024 / 1024} MiB a publish reads`;

/** `workflow1 train-steps: 10000 -> 12345 (prod)`; a new or removed parameter shows `(unset)` on its empty side. */
function formatParameter(env: string, p: ParameterChange): string {
  const value = (v: string | undefined) => (v === undefined ? '(unset)' : displayText(v));
  return `${displayText(p.pipeline)} ${displayText(p.parameter)}: ${value(p.before)} -> ${value(p.after)} (${displayText(env)})`;
}

function formatCounts(added: number, changed: number, removed: number): string {
  return [
    added ? `${added} added` : '',
    changed ? `${changed} changed` : '',
    removed ? `${removed} removed` : '',
  ].filter(Boolean).join(', ');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
