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
  const { summary } = diff;
  const doc = {
    kfopsDiff: JSON_FORMAT_VERSION,
    summary: {
      added: summary.added,
      removed: summary.removed,
      changed: summary.changed,
      parameters: summary.parameters.map((p) => ({
        pipeline: p.pipeline, env: p.env, parameter: p.parameter, op: p.op, before: p.before, after: p.after,
      })),
      images: summary.images.map(highlight),
      scaling: summary.scaling.map(highlight),
      kustomizations: summary.kustomizations.map(highlight),
    },
    objects: diff.objects.map((o) => ({
      op: o.op,
      ...refFields(o.ref),
      baseFile: o.baseFile,
      headFile: o.headFile,
      changes: o.changes.map((c) => ({ op: c.op, path: c.path, before: c.before, after: c.after, masked: c.masked })),
      body: o.body,
    })),
    pipelines: diff.pipelines.map((p) => ({
      pipeline: p.pipeline,
      env: p.ref.env,
      kind: p.ref.kind,
      name: p.ref.name,
      op: p.op,
      addedSteps: p.addedSteps,
      removedSteps: p.removedSteps,
      changedSteps: p.changedSteps,
    })),
    runs: diff.runs.map((r) => ({
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
  return `${JSON.stringify(doc, null, 2)}\n`;
}

function refFields(ref: ObjectRef) {
  return { env: ref.env, apiVersion: ref.apiVersion, kind: ref.kind, namespace: ref.namespace, name: ref.name, generated: ref.generated };
}

function highlight(c: HighlightedChange) {
  return { ...refFields(c.ref), path: c.path, before: c.before, after: c.after };
}
