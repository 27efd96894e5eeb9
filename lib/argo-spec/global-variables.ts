import { stringMap } from '../string-map';
import { goJson } from './go-format';

type Obj = Record<string, unknown>;

/** The Workflow object a run creates: what `{{workflow.*}}` reads. */
export interface RunIdentity {
  /** Fixed name; absent when the name is generated (`generateName`), so `{{workflow.name}}` is known only at run time. */
  readonly name?: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

/**
 * The global variables of a run, as the controller sets them before running any step (`setGlobalParameters`):
 * `workflow.name` (when fixed), `namespace`, `mainEntrypoint`, `serviceAccountName`, `priority`, every
 * `workflow.parameters.<name>`, `workflow.parameters` as JSON, and the labels and annotations known before
 * submission. Variables known only once the Workflow exists (`uid`, `creationTimestamp`) are left out: they stay
 * tags and become placeholders.
 *
 * @param spec the run's workflow spec, template merged in
 * @param parameters the run's `spec.arguments.parameters`
 */
export function globalVariables(spec: Obj, run: RunIdentity, parameters: readonly Obj[]): Map<string, string> {
  const vars = new Map<string, string>();
  if (run.name !== undefined) vars.set('workflow.name', run.name);
  vars.set('workflow.namespace', run.namespace);
  vars.set('workflow.mainEntrypoint', typeof spec.entrypoint === 'string' ? spec.entrypoint : '');
  vars.set('workflow.serviceAccountName', typeof spec.serviceAccountName === 'string' ? spec.serviceAccountName : '');
  if (typeof spec.priority === 'number') vars.set('workflow.priority', String(spec.priority));
  const json = parametersJson(parameters);
  vars.set('workflow.parameters', json);
  vars.set('workflow.parameters.json', json);
  for (const p of parameters) {
    if (typeof p.name === 'string' && p.value !== undefined && p.value !== null) vars.set(`workflow.parameters.${p.name}`, String(p.value));
  }
  // The controller puts spec.workflowMetadata's labels and annotations on the Workflow, under its own.
  const workflowMetadata = spec.workflowMetadata as Obj | undefined;
  for (const [k, v] of Object.entries({ ...stringMap(workflowMetadata?.labels), ...run.labels })) vars.set(`workflow.labels.${k}`, v);
  for (const [k, v] of Object.entries({ ...stringMap(workflowMetadata?.annotations), ...run.annotations })) vars.set(`workflow.annotations.${k}`, v);
  return vars;
}

/** Fields of Argo's `Parameter`, in the order Go marshals the struct. */
const PARAMETER_FIELDS = ['name', 'default', 'value', 'valueFrom', 'globalName', 'enum', 'description'];

/**
 * A parameter list as Argo marshals it for `{{workflow.parameters}}` and `{{inputs.parameters}}`: struct field
 * order, empty fields left out, values as strings.
 */
export function parametersJson(parameters: readonly Obj[]): string {
  const items = parameters.map((p) => {
    const fields: string[] = [];
    for (const field of PARAMETER_FIELDS) {
      const v = p[field];
      if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
      const value = field === 'default' || field === 'value' ? goJson(String(v))
        : field === 'enum' && Array.isArray(v) ? goJson(v.map(String)) : goJson(v);
      fields.push(`${goJson(field)}:${value}`);
    }
    return `{${fields.join(',')}}`;
  });
  return `[${items.join(',')}]`;
}
