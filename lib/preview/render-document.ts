import { stringify } from 'yaml';
import { maskPreview } from './mask-preview';
import { describePlaceholder, placeholderLabel, placeholderNames, renderPlaceholders } from '../argo-spec/placeholder';
import { PreviewStep, RunPreview } from './run-preview';

/** Version of the document {@link previewDocument} builds; bumped on incompatible changes. */
export const PREVIEW_FORMAT_VERSION = 1;

/**
 * A preview as a stable machine document, secrets masked and run-time values as `<name>` placeholders:
 * `{ kfopsPreview: 1, pipeline, env, source, workflow, triggers, parameters: [{name, value, source}], steps: [{name,
 * template, type, phase, reason, when, after, loop, inputs, container, resource: {action, ..., manifest}, exitHandler}],
 * placeholders: [{placeholder, meaning}], problems: [{step, path, severity, message, fix}], summary }`. Fields are
 * always in this order; absent ones are left out.
 */
export function previewDocument(preview: RunPreview): Record<string, unknown> {
  const masked = maskPreview(preview);
  const names = placeholderNames(masked.steps);
  for (const p of masked.parameters) placeholderNames(p.value, names);
  return renderPlaceholders({
    kfopsPreview: PREVIEW_FORMAT_VERSION,
    pipeline: masked.pipeline,
    env: masked.env,
    source: masked.source,
    workflow: masked.workflow,
    triggers: masked.triggers,
    parameters: masked.parameters.map((p) => ({ name: p.name, value: p.value, source: p.source })),
    steps: masked.steps.map(stepDocument),
    placeholders: [...names].sort().map((name) => ({ placeholder: placeholderLabel(name), meaning: describePlaceholder(name) })),
    problems: masked.problems.map((p) => compact({ step: p.step, path: p.path, severity: p.severity, message: p.message, fix: p.fix })),
    summary: summarize(preview),
  });
}

/** {@link previewDocument} as JSON. */
export function renderPreviewJson(preview: RunPreview): string {
  return `${JSON.stringify(previewDocument(preview), null, 2)}\n`;
}

/** {@link previewDocument} as YAML. */
export function renderPreviewYaml(preview: RunPreview): string {
  return stringify(previewDocument(preview), { lineWidth: 0 });
}

/** Counts of steps by phase, and of problems by severity. */
export function summarize(preview: RunPreview): Record<string, number> {
  const count = (phase: PreviewStep['phase']) => preview.steps.filter((s) => s.phase === phase).length;
  return {
    steps: preview.steps.length, runs: count('runs'), skipped: count('skipped'), omitted: count('omitted'), maybe: count('maybe'), fails: count('fails'),
    errors: preview.problems.filter((p) => p.severity === 'error').length, warnings: preview.problems.filter((p) => p.severity === 'warning').length,
  };
}

function stepDocument(s: PreviewStep): Record<string, unknown> {
  return compact({
    name: s.name, template: s.template, type: s.type, phase: s.phase, reason: s.reason, when: s.when, after: s.after, loop: s.loop,
    inputs: s.inputs, container: s.container,
    resource: s.resource && compact({
      action: s.resource.action, successCondition: s.resource.successCondition, failureCondition: s.resource.failureCondition,
      setOwnerReference: s.resource.setOwnerReference, mergeStrategy: s.resource.mergeStrategy, flags: s.resource.flags,
      manifest: s.resource.objects, text: s.resource.text,
    }),
    exitHandler: s.exitHandler,
  });
}

function compact(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}
