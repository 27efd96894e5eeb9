import { joinedChunks } from '../text-chunks';
import { ObjectRef } from './manifest-object';
import { HighlightedChange } from './review-summary';
import { TreeDiff } from './semantic-diff';

/** Version of the JSON document {@link renderJson} writes; bumped on incompatible changes. */
export const JSON_FORMAT_VERSION = 1;

/**
 * Renders a diff as JSON for tools: stable field order, objects sorted by env/kind/namespace/name, secrets masked.
 * Shape: `{ kfopsDiff: 1, summary: {added, removed, changed, parameters, images, scaling, kustomizations}, objects: [{op, env,
 * apiVersion, kind, namespace, name, baseFile, headFile, changes: [{op, path, before, after, masked}], body}],
 * pipelines: [{pipeline, env, kind, name, op, addedSteps, removedSteps, changedSteps}], runs: [{pipeline, env, kind, name,
 * note, steps: [{step, op, lines: [{where, before, after, masked}]}]}] }`.
 */
export function renderJson(diff: TreeDiff): string {
  return [...renderJsonChunks(diff)].join('');
}

/**
 * {@link renderJson}'s document, the same bytes, in pieces of about 64 KiB: each object is turned into JSON (and
 * its body masked) only when its turn comes, so writing the pieces as they come keeps memory bounded whatever the
 * size of the diff.
 */
export function* renderJsonChunks(diff: TreeDiff): Generator<string> {
  const { summary } = diff;
  const doc = {
    kfopsDiff: JSON_FORMAT_VERSION,
    summary: {
      added: summary.added,
      removed: summary.removed,
      changed: summary.changed,
      parameters: new Mapped(summary.parameters, (p) => ({
        pipeline: p.pipeline, env: p.env, parameter: p.parameter, op: p.op, before: p.before, after: p.after,
      })),
      images: new Mapped(summary.images, highlight),
      scaling: new Mapped(summary.scaling, highlight),
      kustomizations: new Mapped(summary.kustomizations, highlight),
    },
    objects: new Mapped(diff.objects, (o) => ({
      op: o.op,
      ...refFields(o.ref),
      baseFile: o.baseFile,
      headFile: o.headFile,
      changes: o.changes.map((c) => ({ op: c.op, path: c.path, before: c.before, after: c.after, masked: c.masked })),
      body: o.body,
    })),
    pipelines: new Mapped(diff.pipelines, (p) => ({
      pipeline: p.pipeline,
      env: p.ref.env,
      kind: p.ref.kind,
      name: p.ref.name,
      op: p.op,
      addedSteps: p.addedSteps,
      removedSteps: p.removedSteps,
      changedSteps: p.changedSteps,
    })),
    runs: new Mapped(diff.runs, (r) => ({
      pipeline: r.pipeline,
      env: r.ref.env,
      kind: r.ref.kind,
      name: r.ref.name,
      note: r.note,
      steps: r.steps.map((s) => ({
        step: s.step, op: s.op, lines: s.lines.map((l) => ({ where: l.where, before: l.before, after: l.after, masked: l.masked })),
      })),
    })),
  };
  yield* joinedChunks(withEnd(pieces(doc, '')));
}

function* withEnd(body: Iterable<string>): Generator<string> {
  yield* body;
  yield '\n';
}

/** A list whose items are turned into what is written one at a time, as they are written. */
class Mapped<T> {
  constructor(readonly items: readonly T[], readonly map: (item: T) => unknown) {}
}

/**
 * The pieces of `JSON.stringify(value, null, 2)` at indentation `indent`, written member by member for the
 * document's maps and {@link Mapped} lists; each item of a list is one `JSON.stringify`.
 */
function* pieces(value: unknown, indent: string): Generator<string> {
  const inner = `${indent}  `;
  if (value instanceof Mapped) {
    if (value.items.length === 0) {
      yield '[]';
      return;
    }
    yield '[';
    for (let i = 0; i < value.items.length; i++) {
      // JSON strings hold no raw newline: every newline of an item's JSON is its layout, indented with the item.
      const json = JSON.stringify(value.map(value.items[i]), null, 2) ?? 'null';
      yield `${i > 0 ? ',' : ''}\n${inner}${json.replace(/\n/g, `\n${inner}`)}`;
    }
    yield `\n${indent}]`;
    return;
  }
  if (value === null || typeof value !== 'object') {
    yield JSON.stringify(value);
    return;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  yield '{';
  for (let i = 0; i < entries.length; i++) {
    yield `${i > 0 ? ',' : ''}\n${inner}${JSON.stringify(entries[i][0])}: `;
    yield* pieces(entries[i][1], inner);
  }
  yield entries.length > 0 ? `\n${indent}}` : '}';
}

function refFields(ref: ObjectRef) {
  return { env: ref.env, apiVersion: ref.apiVersion, kind: ref.kind, namespace: ref.namespace, name: ref.name, generated: ref.generated };
}

function highlight(c: HighlightedChange) {
  return { ...refFields(c.ref), path: c.path, before: c.before, after: c.after };
}
