import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { FIXTURES, loadRegistry } from './load-registry';

/** Real manifests written elsewhere (see the folder's README for sources) must validate with no violation. */
const UPSTREAM = path.join(FIXTURES, 'upstream');

function manifests(dir: string): [string, Record<string, unknown>][] {
  const found: [string, Record<string, unknown>][] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...manifests(full));
    if (entry.isFile() && entry.name.endsWith('.yaml')) {
      parseAllDocuments(fs.readFileSync(full, 'utf8')).forEach((doc, i) => {
        const obj = (doc as { toJS(): Record<string, unknown> }).toJS();
        const name = (obj.metadata as { name?: string; generateName?: string }).name ?? (obj.metadata as { generateName: string }).generateName;
        found.push([`${path.relative(UPSTREAM, full)}#${i + 1} ${String(obj.kind)} ${name}`, obj]);
      });
    }
  }
  return found;
}

const cases = manifests(UPSTREAM);

test('the fixture set covers every family of kinds', () => {
  const kinds = new Set(cases.map(([, obj]) => obj.kind));
  for (const kind of ['CustomResourceDefinition', 'Workflow', 'WorkflowTemplate', 'ClusterWorkflowTemplate', 'CronWorkflow', 'Application', 'ApplicationSet', 'AppProject', 'TFJob', 'Deployment', 'Service', 'HorizontalPodAutoscaler']) {
    expect(kinds).toContain(kind);
  }
});

// The examples come from the projects' main branches, so they are checked against the newest releases.
const NEWEST = { kubernetesVersion: '1.35', argoVersion: '4.1', argoCdVersion: '3.5', trainingOperatorVersion: '1.9' };

test.each(cases)('%s validates with no violation in strict mode', async (_, obj) => {
  const registry = await loadRegistry({ crdPaths: [path.join(UPSTREAM, 'training-operator/crd')], versions: { versions: NEWEST, source: 'flag' } });
  expect(registry.validate(obj)).toEqual([]);
});
