import { Chart, Testing } from 'cdk8s';

/** A synthesized object, loosely typed for assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Obj = any;

/** Runs the validations KfopsApp runs at synth, returning the messages. */
export function validationErrors(define: (chart: Chart) => void): string[] {
  const chart = new Chart(Testing.app(), 'test');
  define(chart);
  return chart.node.findAll().flatMap((c) => c.node.validate());
}

/** Builds a chart, checks it validates, and returns its objects. */
export function synthChart(define: (chart: Chart) => void): Obj[] {
  const chart = new Chart(Testing.app(), 'test');
  define(chart);
  const errors = chart.node.findAll().flatMap((c) => c.node.validate());
  if (errors.length > 0) throw new Error(`unexpected validation errors:\n${errors.join('\n')}`);
  return Testing.synth(chart);
}

/** The spec of the only WorkflowTemplate in `objects`. */
export function workflowSpec(objects: Obj[]): Obj {
  const templates = objects.filter((o) => o.kind === 'WorkflowTemplate');
  if (templates.length !== 1) throw new Error(`expected one WorkflowTemplate, got ${templates.length}`);
  return templates[0].spec;
}

/** The DAG task named `name` of a WorkflowTemplate spec. */
export function task(spec: Obj, name: string): Obj {
  const dag = spec.templates.find((t: Obj) => t.name === spec.entrypoint).dag;
  const found = dag.tasks.find((t: Obj) => t.name === name);
  if (!found) throw new Error(`no task ${name}`);
  return found;
}

/** The template named `name` of a WorkflowTemplate spec. */
export function template(spec: Obj, name: string): Obj {
  const found = spec.templates.find((t: Obj) => t.name === name);
  if (!found) throw new Error(`no template ${name}`);
  return found;
}
