import * as path from 'path';
import { PreviewInput, previewRun, RunPreview } from '../../lib/preview';
import { renderPlaceholders } from '../../lib/argo-spec/placeholder';
import { SchemaRegistry } from '../../lib/validate/schema';
import { Obj } from '../helpers/synth-chart';

/** The repository root: its imports/ hold the TFJob CRD. */
export const ROOT = path.join(__dirname, '..', '..');

let registry: Promise<SchemaRegistry> | undefined;

/** The project's schemas, loaded once per test file. */
export function schemas(): Promise<SchemaRegistry> {
  registry ??= SchemaRegistry.load({ cwd: ROOT });
  return registry;
}

/** Previews a run of a WorkflowTemplate object, as `argo submit --from workflowtemplate/<name>` would start it. */
export function previewTemplate(body: Obj, options: Partial<PreviewInput> = {}): RunPreview {
  const name = String(body.metadata?.name ?? 'p');
  const annotation = body.metadata?.annotations?.['kfops.dev/parameter-schema'];
  return previewRun({
    pipeline: name, env: 'dev', source: { file: `dist/dev/${name}.yaml`, kind: 'WorkflowTemplate', name },
    run: { generateName: `${name}-`, namespace: 'ns' }, spec: body.spec,
    ...(typeof annotation === 'string' && { parameterSchema: JSON.parse(annotation) }),
    ...options,
  });
}

/** A preview's steps by name, with placeholders shown as `<name>`. */
export function stepsByName(preview: RunPreview): Map<string, RunPreview['steps'][number]> {
  return new Map(renderPlaceholders(preview).steps.map((s) => [s.name, s]));
}

/** The only WorkflowTemplate among synthesized objects. */
export function theTemplate(objects: Obj[]): Obj {
  const found = objects.filter((o) => o.kind === 'WorkflowTemplate');
  if (found.length !== 1) throw new Error(`expected one WorkflowTemplate, got ${found.length}`);
  return found[0];
}

/** A hand-written WorkflowTemplate with a DAG entrypoint `main`. */
export function workflowTemplate(tasks: unknown[], templates: unknown[], parameters: unknown[] = [], extra: Obj = {}): Obj {
  return {
    apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTemplate', metadata: { name: 'p', namespace: 'ns' },
    spec: { entrypoint: 'main', arguments: { parameters }, templates: [{ name: 'main', dag: { tasks } }, ...templates], ...extra },
  };
}
