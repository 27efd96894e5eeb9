import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ConstructPaths } from '../../lib/validate/construct-metadata';

describe('ConstructPaths', () => {
  let root: string;
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-cm-'));
    fs.mkdirSync(path.join(root, 'prod'));
    fs.writeFileSync(path.join(root, 'construct-metadata.json'), JSON.stringify({
      version: '1.0.0',
      resources: { serving: { path: 'prod/serving/Deployment' } },
      objects: { 'v1|Service|ml|serving': 'prod/serving/Service' },
    }));
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  const object = (apiVersion: string, kind: string, name: string) => ({ apiVersion, kind, metadata: { name, namespace: 'ml' } });

  test.each([
    ['the exact object key wins', object('v1', 'Service', 'serving'), 'prod/serving/Service'],
    ['falls back to the name cdk8s records', object('apps/v1', 'Deployment', 'serving'), 'prod/serving/Deployment'],
    ['unknown objects have none', object('v1', 'ConfigMap', 'other'), undefined],
  ])('%s', (_, obj, expected) => {
    const paths = ConstructPaths.forRoots([root]);
    expect(paths.lookup(path.join(root, 'prod', 'x.yaml'), obj)).toBe(expected);
  });

  test('files outside the roots get none', () => {
    expect(ConstructPaths.forRoots([path.join(root, 'prod')]).lookup(path.join(os.tmpdir(), 'x.yaml'), object('v1', 'Service', 'serving'))).toBeUndefined();
  });
});
