import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { UPSTREAM_DIR } from '../../../lib/validate/schema/provenance';
import { loadRegistry, rulesAt } from './load-registry';

// A TFJob CRD with a real schema that leaves the pod template open, like the one kfops' imports/ once held.
const LOOSE_TFJOB_CRD = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'tfjobs.kubeflow.org' },
  spec: {
    group: 'kubeflow.org', scope: 'Namespaced', names: { kind: 'TFJob', plural: 'tfjobs' },
    versions: [{
      name: 'v1', served: true, storage: true,
      schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: {
        runPolicy: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        tfReplicaSpecs: { type: 'object', additionalProperties: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
      } } } } },
    }],
  },
};

const job = (runPolicy: Record<string, unknown> = {}) => ({
  apiVersion: 'kubeflow.org/v1', kind: 'TFJob', metadata: { name: 't' },
  spec: {
    runPolicy,
    tfReplicaSpecs: { Worker: { replicas: 1, template: { spec: {
      affinty: {}, containers: [{ name: 'tensorflow', image: 'trainer:1', imagePullPolcy: 'Always' }],
    } } } },
  },
});
const TYPOS = [
  'unknown-field spec.tfReplicaSpecs.Worker.template.spec.affinty',
  'unknown-field spec.tfReplicaSpecs.Worker.template.spec.containers[0].imagePullPolcy',
];

/** A project folder whose imports/ holds `crds` (file name -> object or raw text). */
function project(crds: Record<string, unknown>): string {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-precedence-'));
  fs.mkdirSync(path.join(cwd, 'imports'));
  for (const [file, crd] of Object.entries(crds)) {
    fs.writeFileSync(path.join(cwd, 'imports', file), typeof crd === 'string' ? crd : stringify(crd));
  }
  return cwd;
}

describe('which schema a kind is checked against: built-in upstream kinds over imports/, --crd over both', () => {
  test('a CRD in imports/ does not replace the built-in schema: the project validates as an empty folder does', async () => {
    const cwd = project({ 'tfjob-crd.yaml': LOOSE_TFJOB_CRD });
    expect(rulesAt((await loadRegistry({ cwd })).validate(job()))).toEqual(TYPOS);
    expect(rulesAt((await loadRegistry()).validate(job()))).toEqual(TYPOS);
  });

  test('--training-operator-version decides even when imports/ holds another release\'s CRD', async () => {
    const v19 = fs.readFileSync(path.join(UPSTREAM_DIR, 'training-operator/1.9/kubeflow.org_tfjobs.yaml'), 'utf8');
    const cwd = project({ 'tfjob-crd.yaml': v19 });
    const managed = job({ managedBy: 'kubeflow.org/training-operator' });
    const versions = (trainingOperatorVersion: string) => ({ versions: { versions: { trainingOperatorVersion }, source: 'flag' as const } });
    // runPolicy.managedBy is new in v1.9.0.
    expect(rulesAt((await loadRegistry({ cwd, ...versions('1.9') })).validate(managed))).toEqual(TYPOS);
    expect(rulesAt((await loadRegistry({ cwd, ...versions('1.8') })).validate(managed))).toEqual(['unknown-field spec.runPolicy.managedBy', ...TYPOS]);
  });

  test('a CRD in imports/ adds kinds kfops has no schema for', async () => {
    const widget = { ...LOOSE_TFJOB_CRD, metadata: { name: 'widgets.example.com' },
      spec: { ...LOOSE_TFJOB_CRD.spec, group: 'example.com', names: { kind: 'Widget', plural: 'widgets' } } };
    const registry = await loadRegistry({ cwd: project({ 'widget.yaml': widget }) });
    expect(registry.has('example.com/v1', 'Widget')).toBe(true);
    expect(rulesAt(registry.validate({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { size: 1 } })))
      .toEqual(['unknown-field spec.size']);
  });

  test('an explicit --crd replaces the built-in schema (and any in imports/)', async () => {
    const cwd = project({});
    fs.writeFileSync(path.join(cwd, 'loose.yaml'), stringify(LOOSE_TFJOB_CRD));
    expect((await loadRegistry({ cwd, crdPaths: ['loose.yaml'] })).validate(job())).toEqual([]);
  });
});
