import { READ_AS_EMPTY, SchemaNode } from './schema-node';

const V1ALPHA1 = 'io.argoproj.workflow.v1alpha1';
/** `AnyString` as Go reads it: numbers and booleans as their text; arrays and objects as nothing (no error). */
const ANY_STRING: SchemaNode = { type: ['string', 'number', 'boolean'], [READ_AS_EMPTY]: ['array', 'object'] };

/**
 * Releases whose install (`manifests/cluster-install`, and the quick starts) applies Argo's minimal CRDs, whose spec
 * is `x-kubernetes-preserve-unknown-fields`; from v4.0 it applies the full CRDs (`../base/crds/full`).
 */
const MINIMAL_CRD_RELEASES = new Set(['3.6', '3.7']);
/**
 * What keeps its required fields on those releases too: the kinds themselves (an object without a spec is no
 * workflow), and the containers Argo puts in the pod it creates (sidecars, init containers, a containerSet's), whose
 * `name` the API server requires then.
 */
const STILL_REQUIRED = /\.(?:Workflow|WorkflowTemplate|ClusterWorkflowTemplate|CronWorkflow|WorkflowEventBinding)(?:List)?$|\.(?:UserContainer|ContainerNode)$/;

/**
 * Argo Workflows' schema.json definitions with the corrections that make it say what Argo accepts, where its Go
 * types unmarshal more than the generated schema states. The data file stays as published; these are applied to
 * a shallow copy of the few definitions concerned when it is loaded.
 *
 * - On a release that installs the minimal CRDs, `AnyString` fields (parameter `value`, `default` and `enum` items,
 *   `valueFrom.default`) take numbers and booleans too, which Go stores as strings, and arrays and objects, which it
 *   drops without an error (a warning, {@link READ_AS_EMPTY}); schema.json types them as strings, as the full CRDs of
 *   v4 do, whose API server refuses anything else (Argo quoted its own examples' numbers for them, b20c264a62).
 * - `container` and `script` templates need no `image` in the template itself: Argo merges `templateDefaults` into
 *   each template first, and its validator checks the image after that merge (a semantic check, not the schema's).
 * - A memoization cache's `configMap` names the ConfigMap only (Argo picks the keys); schema.json reuses the core
 *   ConfigMapKeySelector, which requires `key`. Argo's own CRDs drop the requirement too.
 * - A script template needs no `source`: schema.json requires it, but the Go field is `+optional` from v3.7
 *   (`ScriptTemplate.Source`, commit 8304dc704c "fix full CRDs", #8532) and the full CRDs of v3.7 and later do
 *   not require it. v3.6's Go field has no marker, yet Go's JSON decoding requires nothing and its validator never
 *   checks `source`, so the controller runs a script without one there too (Argo's own e2e workflows
 *   `dag-empty-param`, `loops-empty-param`, `sidecar-volumes` do; `template-default-image` gives
 *   `spec.templateDefaults.script` without it, partial by design).
 *
 * - On a release that installs the minimal CRDs ({@link MINIMAL_CRD_RELEASES}), no field within a kind is required:
 *   neither the API server (the CRD states no fields) nor Go's JSON decoding (the controller's and the CLI's)
 *   requires any, and what Argo's validator needs (names, a resource's action, a git artifact's repo, a metric's
 *   help) kfops' ports of its rules report, once. Only the containers Argo adds to the pod stay as they are. A gauge
 *   without `realtime` (Argo's `TestValidMetricGauge`), a key-only Azure artifact and `artifactPaths` without a
 *   name run there; the full CRDs of v4 refuse them.
 *
 * Every other `required` list of schema.json's `io.argoproj.workflow.v1alpha1` definitions was compared with the
 * Go types of v3.6.19, v3.7.18, v4.0.10 and v4.1.2 (`pkg/apis/workflow/v1alpha1`: a field is optional when it is
 * marked `+optional` or its JSON tag has `omitempty`; inlined structs such as `AzureBlobContainer` followed): no
 * other field is required in schema.json but optional in Go.
 *
 * IntOrString and Quantity, which schema.json also types as strings, are read as Kubernetes reads them by the
 * schema walker, for every source. Copies are shallow, so they share the definition's property nodes, and with
 * them its enum fields (enum-facts.ts).
 *
 * @see https://github.com/argoproj/argo-workflows/blob/main/pkg/apis/workflow/v1alpha1/anystring.go
 * @see https://github.com/argoproj/argo-workflows/blob/main/workflow/validate/validate.go (templateDefaults)
 */
export function correctArgoDefinitions(definitions: Readonly<Record<string, SchemaNode>>, release: string): Record<string, SchemaNode> {
  const out: Record<string, SchemaNode> = { ...definitions };
  if (MINIMAL_CRD_RELEASES.has(release)) {
    for (const [name, definition] of Object.entries(definitions)) {
      if (name.startsWith(`${V1ALPHA1}.`) && !STILL_REQUIRED.test(name) && Array.isArray(definition.required)) out[name] = { ...definition, required: [] };
    }
  }
  const withProperties = (name: string, change: (properties: Record<string, SchemaNode>) => void, extra: Partial<SchemaNode> = {}): void => {
    const definition = out[name];
    if (!definition) throw new Error(`kfops: Argo schema.json lacks ${name}; review argo-corrections.ts`);
    const properties = { ...(definition.properties as Record<string, SchemaNode>) };
    change(properties);
    out[name] = { ...definition, properties, ...extra };
  };
  if (MINIMAL_CRD_RELEASES.has(release)) {
    withProperties(`${V1ALPHA1}.Parameter`, (p) => {
      p.value = ANY_STRING;
      p.default = ANY_STRING;
      p.enum = { ...p.enum, items: ANY_STRING };
    });
    withProperties(`${V1ALPHA1}.ValueFrom`, (p) => {
      p.default = ANY_STRING;
    });
  }
  const container = definitions['io.k8s.api.core.v1.Container'];
  withProperties(`${V1ALPHA1}.Template`, (p) => {
    p.container = { ...container, required: without(container.required, 'image') };
  });
  withProperties(`${V1ALPHA1}.Cache`, (p) => {
    p.configMap = { ...definitions['io.k8s.api.core.v1.ConfigMapKeySelector'], required: [] };
  });
  const script = out[`${V1ALPHA1}.ScriptTemplate`];
  out[`${V1ALPHA1}.ScriptTemplate`] = { ...script, required: without(script.required, 'image', 'source') };
  return out;
}

function without(required: unknown, ...fields: string[]): string[] {
  return Array.isArray(required) ? required.filter((r) => !fields.includes(r)) : [];
}
