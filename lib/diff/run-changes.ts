import { maskPreview, previewRun, PreviewStep, RunPreview } from '../preview';
import { argUnits } from '../preview/arg-units';
import { renderPlaceholders } from '../argo-spec/placeholder';
import { isUserError } from '../user-error';
import { append } from '../append';
import { deepEqual, diffFields } from './field-diff';
import { formatPath } from './field-path';
import { MASKED } from './masking';
import { ManifestObject, ObjectRef } from './manifest-object';
import { previewInput, RunObjects } from './pipeline-run';

/** One thing a step will do differently: an argument, the image, an env value, a field of its manifest. */
export interface RunLine {
  /** What it is about: `args`, `image`, `env DB_HOST`, `TFJob Worker` (the replica's container args), `TFJob spec.runPolicy...` */
  readonly where: string;
  /** Base side, as shown (absent when added). */
  readonly before?: string;
  /** Head side, as shown (absent when removed). */
  readonly after?: string;
  /** True when the values are secrets: shown as `(changed)`. */
  readonly masked?: boolean;
}

/** How one step of a run differs between base and head. */
export interface StepRunChange {
  readonly step: string;
  /** `added`: only head runs it; `removed`: only base does; `changed`: both, differently. */
  readonly op: 'added' | 'removed' | 'changed';
  readonly lines: readonly RunLine[];
}

/** What a run of a changed pipeline object will do differently, step by step. */
export interface RunChange {
  readonly pipeline: string;
  readonly ref: ObjectRef;
  readonly steps: readonly StepRunChange[];
  /** Why the run could not be previewed on a side (a parameter without a value), when it could not. */
  readonly note?: string;
}

/**
 * Previews a run of both versions of a changed pipeline object (with `kfops preview`'s engine: the same
 * substitution, `when` and loop handling) and compares them step by step: what each step runs (image, command,
 * args as `--flag value` units, env), the manifests it submits, and whether it runs at all. Secrets are masked.
 *
 * @returns undefined when nothing a run does changed (a description, a label), or the object is no pipeline with steps
 */
export function runChange(base: ManifestObject, head: ManifestObject, baseObjects: RunObjects, headObjects: RunObjects): RunChange | undefined {
  let pipeline = head.ref.name;
  let before: RunPreview;
  let after: RunPreview;
  try {
    const input = previewInput(head, headObjects, head.file);
    pipeline = input.pipeline;
    before = previewRun(previewInput(base, baseObjects, base.file));
    after = previewRun(input);
  } catch (err) {
    if (!isUserError(err)) throw err;
    return { pipeline, ref: head.ref, steps: [], note: err.message };
  }
  const steps = compareRuns(before, after);
  return steps.length > 0 ? { pipeline, ref: head.ref, steps } : undefined;
}

/** The steps of two previews that differ, in head order, then those only base has. */
export function compareRuns(base: RunPreview, head: RunPreview): StepRunChange[] {
  const shownBase = renderPlaceholders(maskPreview(base));
  const shownHead = renderPlaceholders(maskPreview(head));
  const rawBase = new Map(base.steps.map((s) => [s.name, s]));
  const baseSteps = new Map(shownBase.steps.map((s) => [s.name, s]));
  const headNames = new Set(head.steps.map((s) => s.name));
  const out: StepRunChange[] = [];
  head.steps.forEach((raw, i) => {
    const shown = shownHead.steps[i];
    const before = baseSteps.get(raw.name);
    if (!before) {
      out.push({ step: raw.name, op: 'added', lines: [{ where: 'step', after: describeStep(shown) }] });
      return;
    }
    const lines = compareSteps(before, shown, rawBase.get(raw.name)!, raw);
    if (lines.length === 0 && !deepEqual(rawBase.get(raw.name), raw)) lines.push({ where: 'a secret value', masked: true });
    if (lines.length > 0) out.push({ step: raw.name, op: 'changed', lines });
  });
  for (const s of shownBase.steps) {
    if (!headNames.has(s.name)) out.push({ step: s.name, op: 'removed', lines: [{ where: 'step', before: describeStep(s) }] });
  }
  return out;
}

/** Two runs of a step, as shown (`b`, `h`: secrets masked, placeholders rendered) and as they are (`rawB`, `rawH`). */
function compareSteps(b: PreviewStep, h: PreviewStep, rawB: PreviewStep, rawH: PreviewStep): RunLine[] {
  const lines: RunLine[] = [];
  // `phase: runs -> skipped: ...`; named `runs` it read "runs: runs -> skipped".
  if (b.phase !== h.phase) lines.push({ where: 'phase', before: describePhase(b), after: describePhase(h) });
  else if (b.when !== h.when) lines.push({ where: 'when', ...side('before', b.when), ...side('after', h.when) });
  // What a step that does not run would have run is not part of the run.
  const runs = (s: PreviewStep) => s.phase === 'runs' || s.phase === 'maybe';
  if (!runs(b) || !runs(h)) return lines;
  if (b.template !== h.template) lines.push({ where: 'template', before: b.template, after: h.template });
  append(lines, containerLines({ shown: b.container ?? {}, raw: rawB.container ?? {} }, { shown: h.container ?? {}, raw: rawH.container ?? {} }));
  const rb = b.resource;
  const rh = h.resource;
  if (rb?.action !== rh?.action) lines.push({ where: 'action', ...side('before', rb?.action), ...side('after', rh?.action) });
  const objects = Math.max(rb?.objects.length ?? 0, rh?.objects.length ?? 0);
  for (let i = 0; i < objects; i++) append(lines, manifestLines(rb?.objects[i], rh?.objects[i]));
  return groupLines(lines);
}

/** A container as shown (secrets masked) and as it is. */
interface Shown {
  readonly shown: Readonly<Record<string, unknown>>;
  readonly raw: Readonly<Record<string, unknown>>;
}

/**
 * Image, command, args (by unit), env (by name), then any other container field. A value that differs only where
 * it is masked shows as `(changed)`.
 */
function containerLines(b: Shown, h: Shown, label = ''): RunLine[] {
  const lines: RunLine[] = [];
  const where = (what: string) => (label ? `${label} ${what}` : what);
  if (b.shown.image !== h.shown.image) lines.push({ where: where('image'), ...side('before', b.shown.image), ...side('after', h.shown.image) });
  for (const field of ['command', 'args'] as const) {
    const shown = argLines(where(field), strings(b.shown[field]), strings(h.shown[field]));
    if (shown.length === 0 && !deepEqual(b.raw[field], h.raw[field])) lines.push({ where: where(field), masked: true });
    append(lines, shown);
  }
  const envB = envMap(b.shown.env);
  const envH = envMap(h.shown.env);
  const rawB = envMap(b.raw.env);
  const rawH = envMap(h.raw.env);
  for (const name of [...new Set([...envH.keys(), ...envB.keys()])]) {
    if (rawB.get(name) === rawH.get(name)) continue;
    const vb = envB.get(name);
    const vh = envH.get(name);
    const masked = vb === vh || vb === MASKED || vh === MASKED;
    lines.push({ where: where(`env ${name}`), ...side('before', vb), ...side('after', vh), ...(masked && { masked: true }) });
  }
  const rest = (c: Readonly<Record<string, unknown>>) => Object.fromEntries(Object.entries(c).filter(([k]) => !['image', 'command', 'args', 'env'].includes(k)));
  for (const change of diffFields('Container', rest(b.shown), rest(h.shown))) {
    lines.push({ where: where(change.path), ...side('before', change.before), ...side('after', change.after), ...(change.masked && { masked: true }) });
  }
  return lines;
}

/** A manifest's changes; the containers of its pod templates (TFJob replicas, a Deployment's pods) as containers. */
function manifestLines(b: Readonly<Record<string, unknown>> | undefined, h: Readonly<Record<string, unknown>> | undefined): RunLine[] {
  const kind = String((h ?? b)?.kind ?? 'manifest');
  if (!b || !h) return [{ where: kind, ...side('before', b && `${kind} ${nameOf(b)}`), ...side('after', h && `${kind} ${nameOf(h)}`) }];
  const lines: RunLine[] = [];
  const containersDone = new Set<string>();
  for (const change of diffFields(kind, b, h)) {
    const container = containerPath(change.segments);
    if (container) {
      if (containersDone.has(container.key)) continue;
      containersDone.add(container.key);
      const inner = (o: Readonly<Record<string, unknown>>) => at(o, container.segments);
      append(lines, containerLines({ shown: inner(b), raw: inner(b) }, { shown: inner(h), raw: inner(h) }, `${kind} ${container.label}`));
      continue;
    }
    lines.push({ where: `${kind} ${change.path}`, ...side('before', change.before), ...side('after', change.after), ...(change.masked && { masked: true }) });
  }
  return lines;
}

/** A change inside `...containers[name=x]` of a pod template: where the container is and how to call it. */
function containerPath(segments: readonly unknown[]): { segments: unknown[]; key: string; label: string } | undefined {
  const i = segments.findIndex((s, n) => s === 'containers' && n + 1 < segments.length && typeof segments[n + 1] === 'object' && n + 2 < segments.length);
  if (i < 0) return undefined;
  const upTo = segments.slice(0, i + 2);
  const replica = segments[segments.indexOf('tfReplicaSpecs') + 1];
  const container = (segments[i + 1] as { value: string }).value;
  const label = segments.includes('tfReplicaSpecs') && typeof replica === 'string' ? replica : container;
  return { segments: upTo as unknown[], key: formatPath(upTo as never), label };
}

function at(value: unknown, segments: readonly unknown[]): Readonly<Record<string, unknown>> {
  let v = value;
  for (const seg of segments) {
    if (typeof seg === 'object' && seg !== null) {
      const { key, value: wanted } = seg as { key: string; value: string };
      v = (Array.isArray(v) ? v : []).find((item) => String((item as Record<string, unknown>)[key]) === wanted);
    } else {
      v = (v as Record<string | number, unknown> | undefined)?.[seg as string];
    }
  }
  return (v ?? {}) as Readonly<Record<string, unknown>>;
}

/**
 * Argument lists compared unit by unit (a flag with its value): a flag whose value changed is one line
 * (`--train-steps 50000` → `--train-steps 12345`), units only on one side are added or removed.
 */
function argLines(where: string, before: readonly string[], after: readonly string[]): RunLine[] {
  if (deepEqual(before, after)) return [];
  const b = argUnits(before);
  const h = argUnits(after);
  const common = lcs(b.map((u) => u.text), h.map((u) => u.text));
  const removed = b.filter((_, i) => !common.base.has(i));
  const added = h.filter((_, i) => !common.head.has(i));
  const lines: RunLine[] = [];
  for (const r of removed) {
    const j = added.findIndex((a) => a.flag !== undefined && a.flag === r.flag);
    if (j >= 0) {
      lines.push({ where, before: r.text, after: added[j].text });
      added.splice(j, 1);
    } else {
      lines.push({ where, before: r.text });
    }
  }
  for (const a of added) lines.push({ where, after: a.text });
  if (lines.length === 0) lines.push({ where, before: before.join(' '), after: after.join(' ') });
  return lines;
}

/** Indexes of a longest common subsequence of two lists. */
function lcs(a: readonly string[], b: readonly string[]): { base: Set<number>; head: Set<number> } {
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) table[i][j] = a[i] === b[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
  }
  const base = new Set<number>();
  const head = new Set<number>();
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i] === b[j]) {
      base.add(i++);
      head.add(j++);
    } else if (table[i + 1][j] >= table[i][j + 1]) i++;
    else j++;
  }
  return { base, head };
}

/** The same change in several places (an arg of every TFJob replica) is one line naming them all. */
function groupLines(lines: readonly RunLine[]): RunLine[] {
  const out: RunLine[] = [];
  const index = new Map<string, number>();
  for (const line of lines) {
    const key = JSON.stringify([line.before, line.after, line.masked]);
    const seen = index.get(key);
    if (seen !== undefined && line.where !== out[seen].where && !line.masked) {
      out[seen] = { ...out[seen], where: mergeWhere(out[seen].where, line.where) };
      continue;
    }
    index.set(key, out.length);
    out.push(line);
  }
  return out;
}

/** `TFJob Chief args` and `TFJob Worker args` make `TFJob Chief/Worker args`; unlike places are listed. */
function mergeWhere(a: string, b: string): string {
  const wa = a.split(' ');
  const wb = b.split(' ');
  const differ = wa.map((w, i) => (w === wb[i] ? -1 : i)).filter((i) => i >= 0);
  if (wa.length === wb.length && differ.length === 1) {
    const i = differ[0];
    return [...wa.slice(0, i), `${wa[i]}/${wb[i]}`, ...wa.slice(i + 1)].join(' ');
  }
  return `${a}, ${b}`;
}

function describeStep(s: PreviewStep): string {
  const what = s.container && typeof s.container.image === 'string' ? `${s.type} ${s.container.image}`
    : s.resource ? `resource: ${s.resource.action} ${s.resource.objects.map((o) => String(o.kind)).join(', ')}` : s.type;
  return s.phase === 'runs' ? what : `${what} (${describePhase(s)})`;
}

function describePhase(s: PreviewStep): string {
  return s.phase === 'runs' ? 'runs' : `${s.phase === 'maybe' ? 'decided at run time' : s.phase}${s.reason ? `: ${s.reason}` : ''}`;
}

/** A side of a line as data: strings as they are, other values as JSON; renderers escape them for display. */
function side(key: 'before' | 'after', value: unknown): Partial<Record<'before' | 'after', string>> {
  return value === undefined ? {} : { [key]: typeof value === 'string' ? value : JSON.stringify(value) };
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

function envMap(env: unknown): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of Array.isArray(env) ? env as Record<string, unknown>[] : []) {
    out.set(String(e.name), e.value !== undefined ? String(e.value) : `(from ${JSON.stringify(e.valueFrom)})`);
  }
  return out;
}

function nameOf(object: Readonly<Record<string, unknown>>): string {
  const metadata = (object.metadata ?? {}) as Record<string, unknown>;
  return String(metadata.name ?? `${String(metadata.generateName ?? '')}*`);
}
