import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { SchemaVersions } from '../../../lib/validate/schema';
import { FIXTURES, loadRegistry, rulesAt } from './load-registry';

const VERSIONED = path.join(FIXTURES, 'versioned');
const BIN = path.resolve(__dirname, '../../../lib/cli/kfops.js');

function objects(file: string): Record<string, unknown>[] {
  return parseAllDocuments(fs.readFileSync(file, 'utf8')).map((d) => d.toJS() as Record<string, unknown>);
}

const flags = (versions: Partial<SchemaVersions>) => ({ versions: { versions, source: 'flag' as const } });

// Fields the newer release added, as the default release reports them (unknown there, so the API server of that
// release would drop them and Argo would refuse them).
const NEWER: [string, Partial<SchemaVersions>, Partial<SchemaVersions>, string[]][] = [
  ['argo-workflows-4.1/pod-resources.yaml', { argoVersion: '4.1' }, { argoVersion: '3.6' }, ['unknown-field spec.podResources']],
  ['argo-workflows-4.1/pod-resources-template-override.yaml', { argoVersion: '4.1' }, { argoVersion: '3.7' },
    ['unknown-field spec.podResources', 'unknown-field spec.templates[2].podResources']],
  ['argo-workflows-4.1/resource-claims.yaml', { argoVersion: '4.1' }, { argoVersion: '4.0' }, ['unknown-field spec.resourceClaims']],
  ['argo-workflows-4.1/resource-claims-template-override.yaml', { argoVersion: '4.1' }, { argoVersion: '3.6' },
    ['unknown-field spec.resourceClaims', 'unknown-field spec.templates[2].resourceClaims']],
  ['argo-workflows-4.1/workflow-level-executor-plugin.yaml', { argoVersion: '4.1' }, { argoVersion: '3.6' }, ['unknown-field spec.executorPlugins']],
  ['argo-cd-3.5/project.yaml', { argoCdVersion: '3.5' }, { argoCdVersion: '3.4' },
    ['unknown-field spec.sourceIntegrity', 'unknown-field spec.syncWindows[1].syncOverrun', 'unknown-field spec.syncWindows[2].syncOverrun']],
];

test.each(NEWER)('%s passes under %j and its newer fields are flagged under %j', async (file, newer, older, flagged) => {
  const [obj] = objects(path.join(VERSIONED, file));
  expect((await loadRegistry(flags(newer))).validate(obj)).toEqual([]);
  expect(rulesAt((await loadRegistry(flags(older))).validate(obj))).toEqual(flagged);
});

test('the defaults are Kubernetes 1.33, Argo Workflows 3.6, Argo CD 3.4 and the Training Operator 1.9', async () => {
  const registry = await loadRegistry();
  expect(Object.fromEntries(Object.entries(registry.releases).map(([project, r]) => [project, r.ref]))).toEqual({
    kubernetes: 'release-1.33', 'argo-workflows': 'v3.6.19', 'argo-cd': 'v3.4.7', 'training-operator': 'v1.9.0',
  });
});

test('Kubernetes releases differ where upstream does: PodSpec hostnameOverride is 1.34+', async () => {
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { hostnameOverride: 'db-0', containers: [{ name: 'c', image: 'busybox' }] } };
  expect((await loadRegistry(flags({ kubernetesVersion: '1.34' }))).validate(pod)).toEqual([]);
  expect((await loadRegistry(flags({ kubernetesVersion: '1.35' }))).validate(pod)).toEqual([]);
  expect((await loadRegistry()).validate(pod)).toEqual([
    expect.objectContaining({ path: 'spec.hostnameOverride', rule: 'unknown-field', message: 'unknown field "hostnameOverride"' }),
  ]);
});

test('the Training Operator CRD is built in: TFJobs validate without imports/', async () => {
  const [tfjob] = objects(path.join(FIXTURES, 'upstream/training-operator/simple.yaml'));
  const registry = await loadRegistry();
  expect(registry.validate(tfjob)).toEqual([]);
  const spec = tfjob.spec as { tfReplicaSpecs: { Worker: Record<string, unknown> } };
  const broken = { ...tfjob, spec: { ...spec, tfReplicaSpecs: { Worker: { ...spec.tfReplicaSpecs.Worker, replica: 2 } } } };
  expect(rulesAt(registry.validate(broken))).toEqual(['unknown-field spec.tfReplicaSpecs.Worker.replica']);
  expect((await loadRegistry(flags({ trainingOperatorVersion: '1.8' }))).validate(tfjob)).toEqual([]);
});

test('any patch of a release line selects it, with or without the v', async () => {
  for (const argoVersion of ['4.1', 'v4.1', '4.1.0', 'v4.1.2']) {
    expect((await loadRegistry(flags({ argoVersion }))).releases['argo-workflows'].ref).toBe('v4.1.2');
  }
});

test('an unsupported version is a usage error naming the flag and listing the supported ones', async () => {
  await expect(loadRegistry(flags({ argoVersion: '5.0' }))).rejects.toMatchObject({
    exitCode: 2,
    message: '--argo-version: argo-workflows "5.0" is not a version kfops has schemas for; use one of 3.6, 3.7, 4.0, 4.1',
  });
  await expect(loadRegistry(flags({ kubernetesVersion: 'latest' }))).rejects.toThrow(/^--kubernetes-version: kubernetes "latest" .* use one of 1\.33, 1\.34, 1\.35$/);
});

describe('the project setting (KfopsValidation properties in cdk8s.yaml)', () => {
  const workflow = objects(path.join(VERSIONED, 'argo-workflows-4.1/pod-resources.yaml'))[0];

  function project(properties: Record<string, unknown>): string {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-versions-'));
    const config = {
      app: 'node main.js',
      validations: [{ package: './lib/validate/cdk8s-plugin-entry.js', version: '0.1.0', class: 'KfopsValidation', properties }],
    };
    fs.writeFileSync(path.join(cwd, 'cdk8s.yaml'), JSON.stringify(config));
    return cwd;
  }

  test('selects the release', async () => {
    expect((await loadRegistry({ cwd: project({ argoVersion: 4.1 }) })).validate(workflow)).toEqual([]);
  });

  test('a flag overrides it', async () => {
    const registry = await loadRegistry({ cwd: project({ argoVersion: '4.1' }), ...flags({ argoVersion: '3.6' }) });
    expect(rulesAt(registry.validate(workflow))).toEqual(['unknown-field spec.podResources']);
  });

  test('a bad value names the setting', async () => {
    await expect(loadRegistry({ cwd: project({ argoCdVersion: '2.0' }) })).rejects.toThrow(
      /^cdk8s\.yaml: argoCdVersion: argo-cd "2\.0" is not a version kfops has schemas for; use one of 3\.4, 3\.5$/,
    );
  });

  test('kfops validate takes --argo-version over the setting, and exits 2 on a bad one', () => {
    const cwd = project({ argoVersion: '3.6' });
    fs.copyFileSync(path.join(VERSIONED, 'argo-workflows-4.1/pod-resources.yaml'), path.join(cwd, 'wf.yaml'));
    const kfops = (...args: string[]) => spawnSync(process.execPath, [BIN, 'validate', 'wf.yaml', ...args], { cwd, encoding: 'utf8' });
    expect(kfops().status).toBe(1);
    expect(kfops('--argo-version', '4.1').status).toBe(0);
    const bad = kfops('--argo-version', '9');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^kfops: --argo-version: argo-workflows "9" is not a version kfops has schemas for; use one of 3\.6, 3\.7, 4\.0, 4\.1$/m);
  });
});
