import { closestName } from '../../../lib/validate/schema/closest-name';
import { jsonPath } from '../../../lib/validate/schema/json-path';
import { withoutNulls } from '../../../lib/validate/schema/without-nulls';

test.each([
  [[], ''],
  [['spec', 'replicas'], 'spec.replicas'],
  [['spec', 'templates', 0, 'container'], 'spec.templates[0].container'],
  [['spec', 'tfReplicaSpecs', '0'], 'spec.tfReplicaSpecs["0"]'],
  [['metadata', 'labels', 'app.kubernetes.io/name'], 'metadata.labels["app.kubernetes.io/name"]'],
  [[0, 'kind'], '[0].kind'],
] as [(string | number)[], string][])('jsonPath(%j)', (segments, expected) => {
  expect(jsonPath(segments)).toBe(expected);
});

test.each([
  ['replicaz', ['replicas', 'paused'], 'replicas'],
  ['Replicas', ['replicas'], 'replicas'],
  ['contianer', ['container', 'script'], 'container'],
  ['mutex', ['mutexes', 'semaphores'], 'mutexes'],
  ['foo', ['replicas', 'selector'], undefined],
  ['img', ['image'], undefined],
])('closestName(%j)', (name, candidates, expected) => {
  expect(closestName(name, candidates)).toBe(expected);
});

test('withoutNulls drops null fields at any depth and keeps null array items', () => {
  expect(withoutNulls({ a: null, b: { c: null, d: 1 }, e: [null, { f: null }] })).toEqual({ b: { d: 1 }, e: [null, {}] });
});

test('withoutNulls returns the same object when there is nothing to drop', () => {
  const obj = { a: 1, b: { c: [1, 'x'] } };
  expect(withoutNulls(obj)).toBe(obj);
});
