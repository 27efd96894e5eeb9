import { diffFields } from '../../lib/diff/field-diff';
import { MASKED } from '../../lib/diff/masking';

const pod = (containers: unknown[]) => ({ spec: { containers } });

describe('diffFields', () => {
  test('a reordered keyed list is no change', () => {
    const a = pod([{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }]);
    const b = pod([{ name: 'b', image: 'y' }, { name: 'a', image: 'x' }]);
    expect(diffFields('Pod', a, b)).toEqual([]);
  });

  test('an insert into a keyed list is one addition, not a shift of every later item', () => {
    const a = { spec: { templates: [{ name: 'prep' }, { name: 'train', container: { image: 't' } }] } };
    const b = { spec: { templates: [{ name: 'prep' }, { name: 'validate', container: { image: 'v' } }, { name: 'train', container: { image: 't' } }] } };
    const changes = diffFields('WorkflowTemplate', a, b);
    expect(changes).toEqual([expect.objectContaining({
      op: 'added',
      path: 'spec.templates[name=validate]',
      after: { name: 'validate', container: { image: 'v' } },
    })]);
  });

  test('a changed item of a keyed list is addressed by its key', () => {
    const a = pod([{ name: 'trainer', image: 'trainer:1', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] }]);
    const b = pod([{ name: 'trainer', image: 'trainer:2', env: [{ name: 'B', value: '3' }, { name: 'A', value: '1' }] }]);
    expect(diffFields('Pod', a, b).map((c) => [c.op, c.path, c.before, c.after])).toEqual([
      ['changed', 'spec.containers[name=trainer].env[name=B].value', '2', '3'],
      ['changed', 'spec.containers[name=trainer].image', 'trainer:1', 'trainer:2'],
    ]);
  });

  test.each([
    ['named ports by name', [{ name: 'http', containerPort: 80 }, { name: 'grpc', containerPort: 90 }], 'ports[name=grpc]'],
    ['unnamed ports by containerPort', [{ containerPort: 80 }, { containerPort: 90 }], 'ports[containerPort=90]'],
  ])('%s', (_label, ports, expected) => {
    const [p1, p2] = ports as Record<string, unknown>[];
    const changes = diffFields('Pod', { ports: [p1] }, { ports: [p2, p1] });
    expect(changes.map((c) => `${c.op} ${c.path}`)).toEqual([`added ${expected}`]);
  });

  test('volumeMounts are keyed by mountPath', () => {
    const a = { volumeMounts: [{ name: 'data', mountPath: '/a' }] };
    const b = { volumeMounts: [{ name: 'data', mountPath: '/b' }, { name: 'data', mountPath: '/a' }] };
    expect(diffFields('Pod', a, b).map((c) => c.path)).toEqual(['volumeMounts[mountPath=/b]']);
  });

  test('Argo steps groups are matched by step name inside each group', () => {
    const a = { steps: [[{ name: 's1', template: 'x' }, { name: 's2', template: 'y' }]] };
    const b = { steps: [[{ name: 's2', template: 'y' }, { name: 's1', template: 'z' }]] };
    expect(diffFields('WorkflowTemplate', a, b).map((c) => c.path)).toEqual(['steps[0][name=s1].template']);
  });

  test('a list of scalars changes as a whole, so one inserted arg reads as one change', () => {
    const changes = diffFields('Pod', { args: ['--a', '1'] }, { args: ['--b', '--a', '1'] });
    expect(changes).toEqual([expect.objectContaining({ op: 'changed', path: 'args', before: ['--a', '1'], after: ['--b', '--a', '1'] })]);
  });

  test('lists without a merge key are compared by position', () => {
    const changes = diffFields('Pod', { tolerations: [{ key: 'a' }] }, { tolerations: [{ key: 'b' }, { key: 'c' }] });
    expect(changes.map((c) => `${c.op} ${c.path}`)).toEqual(['changed tolerations[0].key', 'added tolerations[1]']);
  });

  test('map keys that are not identifiers are quoted in paths', () => {
    const changes = diffFields('X', { metadata: { labels: { 'kfops.dev/pipeline': 'a' } } }, { metadata: { labels: { 'kfops.dev/pipeline': 'b' } } });
    expect(changes[0].path).toBe('metadata.labels["kfops.dev/pipeline"]');
  });

  describe('masking', () => {
    test('Secret data values never appear, changes still do', () => {
      const a = { kind: 'Secret', data: { password: 'c2VjcmV0MQ==', user: 'YWRtaW4=' } };
      const b = { kind: 'Secret', data: { password: 'c2VjcmV0Mg==', user: 'YWRtaW4=', token: 'dG9r' } };
      const changes = diffFields('Secret', a, b);
      expect(changes).toEqual([
        expect.objectContaining({ op: 'changed', path: 'data.password', before: MASKED, after: MASKED, masked: true }),
        expect.objectContaining({ op: 'added', path: 'data.token', after: MASKED, masked: true }),
      ]);
      expect(JSON.stringify(changes)).not.toMatch(/c2VjcmV0|dG9r/);
    });

    test('a whole added stringData map is masked leaf by leaf', () => {
      const changes = diffFields('Secret', { kind: 'Secret' }, { kind: 'Secret', stringData: { key: 'hunter2' } });
      expect(changes).toEqual([expect.objectContaining({ op: 'added', path: 'stringData', after: { key: MASKED } })]);
    });

    test('values of env vars whose name looks secret are masked, other env values are shown', () => {
      const a = pod([{ name: 'c', env: [{ name: 'DB_PASSWORD', value: 'p1' }, { name: 'MODE', value: 'a' }] }]);
      const b = pod([{ name: 'c', env: [{ name: 'DB_PASSWORD', value: 'p2' }, { name: 'MODE', value: 'b' }] }]);
      const changes = diffFields('Pod', a, b);
      expect(changes.map((c) => [c.path, c.before, c.after, c.masked])).toEqual([
        ['spec.containers[name=c].env[name=DB_PASSWORD].value', MASKED, MASKED, true],
        ['spec.containers[name=c].env[name=MODE].value', 'a', 'b', undefined],
      ]);
    });

    test('secret env values stay masked when repeated names force a comparison by position', () => {
      const env = (v: string) => [{ name: 'API_TOKEN', value: v }, { name: 'API_TOKEN', value: `${v}-2` }];
      const changes = diffFields('Pod', pod([{ name: 'c', env: env('old-secret') }]), pod([{ name: 'c', env: env('new-secret') }]));
      expect(changes.length).toBeGreaterThan(0);
      expect(changes.every((c) => c.masked)).toBe(true);
      expect(JSON.stringify(changes)).not.toMatch(/secret/);
    });

    test('secret-looking env values inside an added container are masked', () => {
      const changes = diffFields('Pod', pod([]), pod([{ name: 'c', env: [{ name: 'API_KEY', value: 'abc123' }] }]));
      expect(changes[0].after).toEqual({ name: 'c', env: [{ name: 'API_KEY', value: MASKED }] });
    });
  });
});
