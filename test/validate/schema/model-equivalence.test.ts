import { execFileSync } from 'child_process';
import * as path from 'path';
import { loadRegistry } from './load-registry';
import * as fs from 'fs';
import { CompiledCache } from '../../../lib/validate/schema/compiled-cache';
import { modelDefinition, modelValidator } from '../../../lib/validate/schema/model-schemas';

/**
 * The derived schemas must agree with the kubernetes-models packages' own compiled validators (types, enums,
 * required, formats). Unknown fields are the one intended difference: the packages accept them, strict mode does not.
 */
const container = { name: 'main', image: 'busybox' };
const podTemplate = { metadata: { labels: { app: 'a' } }, spec: { containers: [container] } };
const deployment = (spec: Record<string, unknown>) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'd' },
  spec: { selector: { matchLabels: { app: 'a' } }, template: podTemplate, ...spec },
});
const workflowTemplate = (template: Record<string, unknown>) => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'WorkflowTemplate',
  metadata: { name: 'wt' },
  spec: { entrypoint: 'main', templates: [{ name: 'main', ...template }] },
});
const application = (spec: Record<string, unknown>) => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'app' },
  spec: { project: 'default', destination: { namespace: 'x' }, ...spec },
});

const cases: [string, Record<string, unknown>][] = [
  ['valid Deployment', deployment({ replicas: 2, strategy: { type: 'RollingUpdate' } })],
  ['replicas as string', deployment({ replicas: '2' })],
  ['replicas not an integer', deployment({ replicas: 1.5 })],
  ['replicas past int32', deployment({ replicas: 2 ** 40 })],
  ['bad strategy enum', deployment({ strategy: { type: 'Rolling' } })],
  ['missing selector', { apiVersion: 'apps/v1', kind: 'Deployment', spec: { template: podTemplate } }],
  ['bad quantity', deployment({ template: { spec: { containers: [{ ...container, resources: { limits: { cpu: '1x' } } }] } } })],
  ['valid quantity number', deployment({ template: { spec: { containers: [{ ...container, resources: { limits: { cpu: 2 } } }] } } })],
  ['IntOrString port name', { apiVersion: 'v1', kind: 'Service', spec: { ports: [{ port: 80, targetPort: 'http' }] } }],
  ['IntOrString as boolean', { apiVersion: 'v1', kind: 'Service', spec: { ports: [{ port: 80, targetPort: true }] } }],
  ['bad date-time', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { creationTimestamp: 'yesterday' } }],
  ['ConfigMap data as number', { apiVersion: 'v1', kind: 'ConfigMap', data: { a: 1 } }],
  ['bad base64 binaryData', { apiVersion: 'v1', kind: 'ConfigMap', binaryData: { a: '!!!' } }],
  ['valid HPA v2', { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', spec: { maxReplicas: 3, scaleTargetRef: { kind: 'Deployment', name: 'd' } } }],
  ['HPA without maxReplicas', { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', spec: { scaleTargetRef: { kind: 'Deployment', name: 'd' } } }],
  ['valid Role', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', rules: [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }] }],
  ['Role rule without verbs', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', rules: [{ resources: ['pods'] }] }],
  ['valid WorkflowTemplate', workflowTemplate({ container, retryStrategy: { limit: 3, retryPolicy: 'OnError' } })],
  ['bad retryPolicy enum', workflowTemplate({ container, retryStrategy: { retryPolicy: 'Sometimes' } })],
  ['template name missing', { ...workflowTemplate({}), spec: { templates: [{ container }] } }],
  ['activeDeadlineSeconds as object', workflowTemplate({ container, activeDeadlineSeconds: {} })],
  ['valid Application', application({ source: { repoURL: 'https://x', path: '.' } })],
  ['Application without destination', { ...application({}), spec: { project: 'default' } }],
  ['Application automated prune as string', application({ syncPolicy: { automated: { prune: 'yes' } } })],
  ['optional field null', deployment({ replicas: null, paused: null })],
  ['nested kind without apiVersion/kind', { apiVersion: 'apps/v1', kind: 'StatefulSet', spec: { selector: {}, serviceName: 's', template: podTemplate, volumeClaimTemplates: [{ metadata: { name: 'data' } }] } }],
];

function packageVerdicts<T = boolean>(input: { definition?: string; data: unknown; at?: string; missing?: boolean }[]): T[] {
  const output = execFileSync(process.execPath, [path.join(__dirname, 'package-verdicts.mjs')], {
    cwd: path.resolve(__dirname, '../../..'),
    input: JSON.stringify(input),
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(output.toString()) as T[];
}

test('derived schemas give the compiled validators\u2019 verdicts (types, enums, required, formats)', async () => {
  const registry = await loadRegistry({ strict: false });
  const input = cases.map(([, data]) => ({
    definition: modelDefinition(data.apiVersion as string, data.kind as string),
    data,
  }));
  const expected = packageVerdicts(input);
  const actual = cases.map(([, data]) => registry.validate(data).length === 0);
  const table = (verdicts: boolean[]) => cases.map(([name], i) => `${name}: ${verdicts[i] ? 'valid' : 'invalid'}`);
  expect(table(actual)).toEqual(table(expected));
  // The table must exercise both verdicts, or the comparison proves little.
  expect(new Set(expected)).toEqual(new Set([true, false]));
});

test('unknown fields are the intended difference: accepted by the packages, rejected in strict mode', async () => {
  const strict = await loadRegistry();
  const typo = deployment({ replicaz: 2 });
  expect(strict.validate(typo).map((v) => v.rule)).toEqual(['unknown-field']);
  expect((await loadRegistry({ strict: false })).validate(typo)).toEqual([]);
});

/**
 * Where kfops differs on purpose:
 * - Argo's own corrections (build/argo-corrections.ts): `steps` lists, `container`/`script` without `name`,
 *   `AnyString` taking numbers and booleans, the deprecated CronWorkflow `schedule` and `synchronization.mutex` /
 *   `semaphore`; CRD schemas' "X or Y" types (build/apiextensions-corrections.ts);
 * - properties named like JSON Schema annotations (`description`, `example`, `x-kubernetes-*`): the packages'
 *   generator drops their schemas, so their validators accept anything there; the declarations say `string` etc.
 */
const CORRECTED = /ParallelSteps$|ScriptTemplate$|AnyString$|CronWorkflowSpec$|V1alpha1Synchronization$|JSONSchemaPropsOr(Bool|Array|StringArray)$|^Kfops/;
const CORRECTED_SLOT = /V1alpha1Template\/(container|script)$|\/(description|example|x-kubernetes-[a-z-]+)$/;
const PROBES: unknown[] = ['text', 7, 1.5, true, {}, [], 'NotAnAllowedValue'];

test('every property of every definition: derived schema and compiled validator flag the same probe values', () => {
  const definitions = JSON.parse(
    fs.readFileSync(path.resolve(__dirname, '../../../lib/validate/schema/generated/definitions.json'), 'utf8'),
  ) as Record<string, { properties?: Record<string, unknown> }>;
  const input: { definition: string; data: unknown; at: string }[] = [];
  for (const [definition, schema] of Object.entries(definitions)) {
    if (CORRECTED.test(definition)) continue;
    for (const [property, propertySchema] of Object.entries(schema.properties ?? {})) {
      if (/V1alpha1AnyString"|JSONSchemaPropsOr/.test(JSON.stringify(propertySchema))) continue;
      for (const value of PROBES) input.push({ definition, data: { [property]: value }, at: `/${property}` });
    }
  }
  const expected = packageVerdicts(input);
  const mismatches = input.flatMap(({ definition, data, at }, i) => {
    const validate = modelValidator(definition, false, new CompiledCache(undefined));
    const ok = validate(data) || !(validate.errors ?? []).some((e) => e.instancePath === at || e.instancePath.startsWith(`${at}/`));
    if (ok === expected[i] || CORRECTED_SLOT.test(`${definition}${at}`)) return [];
    return [`${definition}${at} = ${JSON.stringify((data as Record<string, unknown>)[at.slice(1)])}: package ${expected[i]}, kfops ${ok}`];
  });
  expect(input.length).toBeGreaterThan(20000);
  expect(mismatches).toEqual([]);
});

test('every definition requires the same fields as its compiled validator', () => {
  const definitions = JSON.parse(
    fs.readFileSync(path.resolve(__dirname, '../../../lib/validate/schema/generated/definitions.json'), 'utf8'),
  ) as Record<string, unknown>;
  const keys = Object.keys(definitions).filter((k) => !CORRECTED.test(k));
  const index = JSON.parse(
    fs.readFileSync(path.resolve(__dirname, '../../../lib/validate/schema/generated/kinds.json'), 'utf8'),
  ) as { kinds: Record<string, Record<string, string>> };
  const kindDefinitions = new Set(Object.values(index.kinds).flatMap((byKind) => Object.values(byKind)));
  const expected = packageVerdicts<string[]>(keys.map((definition) => ({ definition, data: {}, missing: true })));
  const mismatches = keys.flatMap((definition, i) => {
    const validate = modelValidator(definition, false, new CompiledCache(undefined));
    validate({});
    const actual = (validate.errors ?? [])
      .filter((e) => e.keyword === 'required' && e.instancePath === '')
      .map((e) => String(e.params.missingProperty))
      .sort();
    // Kinds nested in other objects may omit apiVersion/kind (upstream's OpenAPI); kfops never requires them.
    const wanted = kindDefinitions.has(definition) ? expected[i].filter((p) => p !== 'apiVersion' && p !== 'kind') : expected[i];
    return JSON.stringify(actual) === JSON.stringify(wanted) ? [] : [`${definition}: package ${wanted.join(',')}, kfops ${actual.join(',')}`];
  });
  expect(keys.length).toBeGreaterThan(1000);
  expect(mismatches).toEqual([]);
});
