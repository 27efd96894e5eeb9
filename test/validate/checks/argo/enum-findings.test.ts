import * as os from 'os';
import { validateObjects } from '../../../../lib/validate/validator';
import { SchemaRegistry } from '../../../../lib/validate/schema';
import { KubeObject } from '../../../../lib/validate/object-index';

// Enumerated fields Argo checks (RetryPolicy in the controller's processNodeRetries, PodGCStrategy and
// ConcurrencyPolicy in validate.go, ResourceTemplate.action in validateLeaf, an Enum marker from v4.0): the schema
// walker reports them from the enum facts where the release has them, the semantic rules only where it does not,
// so every mistake is one finding, under every supported release.
const cron: KubeObject = {
  apiVersion: 'argoproj.io/v1alpha1', kind: 'CronWorkflow', metadata: { name: 'c' },
  spec: {
    schedules: ['0 * * * *'], concurrencyPolicy: 'Sometimes',
    workflowSpec: {
      entrypoint: 'main', podGC: { strategy: 'OnSundays' },
      templates: [{
        name: 'main', retryStrategy: { retryPolicy: 'Maybe' },
        resource: { action: 'explode', manifest: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n' },
      }],
    },
  },
};

describe.each(['3.6', '3.7', '4.0', '4.1'])('Argo %s: one finding per enum mistake', (argoVersion) => {
  let schemas: SchemaRegistry;
  beforeAll(async () => {
    schemas = await SchemaRegistry.load({ cwd: os.tmpdir(), versions: { versions: { argoVersion }, source: 'flag' } });
  });

  test('each bad value is reported once, at its path', () => {
    const [result] = validateObjects([{ file: 'c.yaml', absolutePath: '/c.yaml', object: cron }], { schemas });
    const byPath = new Map<string, string[]>();
    for (const v of result.violations) byPath.set(v.path, [...(byPath.get(v.path) ?? []), v.rule]);
    const action = argoVersion.startsWith('3.') ? 'argo/resource-action' : 'enum';
    expect(Object.fromEntries(byPath)).toEqual({
      'spec.concurrencyPolicy': ['enum'],
      'spec.workflowSpec.podGC.strategy': ['enum'],
      'spec.workflowSpec.templates[0].retryStrategy.retryPolicy': ['enum'],
      'spec.workflowSpec.templates[0].resource.action': [action],
    });
  });
});
