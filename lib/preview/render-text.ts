import { maskPreview } from './mask-preview';
import { describePlaceholder, placeholderLabel, placeholderNames, renderPlaceholders } from '../argo-spec/placeholder';
import { summarize } from './render-document';
import { containerLines, indent, manifestLines, shown, terminalLine } from './render-pod-text';
import { PreviewStep, RunPreview } from './run-preview';
import { append } from '../append';

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
  // Everything below comes from the tree and the flags, which may hold control characters: each line is made
  // safe for a terminal before it is painted.
  const lines: string[] = [paint('bold', terminalLine(`kfops preview: ${p.pipeline} in ${p.env}`))];
  lines.push(terminalLine(`  from ${p.source.kind} ${p.source.name} (${p.source.file})`));
  const w = p.workflow;
  const name = w.name ?? `${w.generateName ?? ''}<random>`;
  lines.push(terminalLine(`  submits Workflow ${name} in namespace ${w.namespace}, entrypoint ${w.entrypoint}${w.serviceAccountName ? `, service account ${w.serviceAccountName}` : ''}`));
  for (const trigger of p.triggers) lines.push(terminalLine(`  started by ${trigger}`));

  if (p.parameters.length > 0) {
    lines.push('', paint('bold', 'Parameters'));
    const width = Math.min(28, Math.max(...p.parameters.map((x) => x.name.length)));
    for (const x of p.parameters) {
      lines.push(`  ${terminalLine(x.name).padEnd(width)}  ${shown(x.value)}${x.source === 'override' ? paint('yellow', '  (--param)') : x.source === 'workflow' ? '  (from the Workflow)' : ''}`);
    }
  }

  const counts = summarize(preview);
  const parts = [`${counts.runs} run`, counts.skipped && `${counts.skipped} skipped`, counts.omitted && `${counts.omitted} omitted`,
    counts.maybe && `${counts.maybe} decided at run time`, counts.fails && `${counts.fails} fail`].filter(Boolean);
  lines.push('', paint('bold', `Steps (${parts.join(', ')})`));
  for (const step of p.steps) append(lines, stepLines(step, paint));

  if (names.size > 0) {
    lines.push('', paint('bold', 'Known only at run time'));
    for (const n of [...names].sort()) lines.push(terminalLine(`  ${placeholderLabel(n)}  ${describePlaceholder(n)}`));
  }
  if (p.problems.length > 0) {
    lines.push('', paint('bold', 'Problems'));
    for (const x of p.problems) {
      const where = [x.step, x.path].filter(Boolean).join(': ');
      lines.push(`  ${paint(x.severity === 'error' ? 'red' : 'yellow', x.severity)}  ${terminalLine(`${where ? `${where}: ` : ''}${x.message}${x.fix ? ` (${x.fix})` : ''}`)}`);
    }
  }
  lines.push('', paint('dim', terminalLine(`Whole manifests and containers: kfops preview ${p.pipeline} --env ${p.env} --format yaml`)));
  return `${lines.join('\n')}\n`;
}

function stepLines(s: PreviewStep, paint: Paint): string[] {
  const head = `  ${paint(s.phase === 'runs' ? 'green' : s.phase === 'fails' ? 'red' : 'yellow', s.phase === 'runs' ? '●' : s.phase === 'maybe' ? '◐' : '○')} ${paint('bold', terminalLine(s.name))}`
    + terminalLine(`  [${describeType(s)}]${s.after.length ? `  after ${s.after.join(', ')}` : ''}${s.exitHandler ? '  (exit handler: runs last, whatever the outcome)' : ''}`);
  const out = [head];
  if (s.phase !== 'runs') out.push(`      ${paint(s.phase === 'fails' ? 'red' : 'yellow', s.phase === 'maybe' ? 'decided at run time' : s.phase)}: ${terminalLine(s.reason ?? '')}`);
  else if (s.when !== undefined) out.push(terminalLine(`      when      ${s.when}  (true)`));
  if (s.loop?.over !== undefined) out.push(terminalLine(`      loop      once per item of ${s.loop.over}`));
  if (s.container) append(out, containerLines(s.container, 6));
  if (s.resource) {
    const r = s.resource;
    for (const [label, value] of [['success', r.successCondition], ['failure', r.failureCondition]] as const) {
      if (value !== undefined) out.push(terminalLine(`      ${label.padEnd(9)} ${value}`));
    }
    if (r.text !== undefined) {
      out.push('      manifest (not YAML):');
      append(out, indent(r.text.trimEnd(), 8));
    }
    for (const object of r.objects) append(out, manifestLines(object, 6));
  }
  return out;
}

function describeType(s: PreviewStep): string {
  if (s.type !== 'resource' || !s.resource) return s.type;
  const kinds = s.resource.objects.map((o) => String(o.kind)).join(', ');
  return `resource: ${s.resource.action}${kinds ? ` ${kinds}` : ''}`;
}
