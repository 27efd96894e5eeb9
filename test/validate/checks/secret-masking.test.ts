import { stringify } from 'yaml';
import { diffFields } from '../../../lib/diff/field-diff';
import { maskSecrets } from '../../../lib/diff/masking';
import { parseManifestFile } from '../../../lib/diff/manifest-object';
import { renderJson } from '../../../lib/diff/render-json';
import { renderMarkdown } from '../../../lib/diff/render-markdown';
import { renderText } from '../../../lib/diff/render-text';
import { diffManifests } from '../../../lib/diff/semantic-diff';
import { previewRun, renderPreviewJson, renderPreviewText } from '../../../lib/preview';
import { checkArgoWorkflow, checkLiteralCredentials, checkPlaintextSecret, checkSensitiveEnv } from '../../../lib/validate/checks';
import { KubeObject, ObjectIndex } from '../../../lib/validate/object-index';
import { rules, runCheck } from '../builders';

// Built by concatenation so no credential-shaped literal sits in the repository.
const SHAPES: readonly (readonly [string, string])[] = [
  ['a GitHub token', ['ghp', '_', 'Zq8'.repeat(6), 'K2m'.repeat(6)].join('')],
  ['an AWS access key id', ['AKIA', 'Q3EGRT7ZKX2M4NWP'].join('')],
  ['a PEM private key', ['-----BEGIN PRIVATE KEY-----', 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7', '-----END PRIVATE KEY-----'].join('\n')],
  ['a JSON Web Token', ['eyJhbGciOiJIUzI1NiJ9', 'eyJzdWIiOiIxMjM0NTY3ODkwIn0', 'dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'].join('.')],
  ['a Bearer header', ['Bearer', 'c2VydmljZS10b2tlbi0', '4f9a2b7c'].join(' ').replace(' 4', '4')],
  ['a URL with a password', ['postgres://app:', 'Tr0ub4dor', '@db.internal:5432/ml'].join('')],
];

/** Secret by name (or a random value under a hinting name), with the name that makes it one. */
const NAMED: readonly (readonly [string, string, string])[] = [
  ['DB_PASS', 'DB_PASS', 'hunter2-prod'],
  ['PGPASS', 'PGPASS', 'swordfish99'],
  ['api-token', 'api-token', 'tok-1234-abcd'],
  ['a random SESSION_KEY', 'SESSION_KEY', ['9fK2xQ7', 'vLp3ZtR8', 'mWn4Yh'].join('')],
];

/** Every place a secret can sit in what kfops synthesizes, as an object holding `value` under `name`. */
const PLACES: readonly (readonly [string, (name: string, value: string) => KubeObject])[] = [
  ['an env value', (name, value) => pod({ env: [{ name, value }] })],
  ['a container arg', (_name, value) => pod({ args: [`--dsn=${value}`] })],
  ['an annotation', (name, value) => ({ ...configMap({}), metadata: { name: 'c', annotations: { [`example.com/${name}`]: value } } })],
  ['ConfigMap data', (name, value) => configMap({ [name]: value })],
  ['an Argo parameter', (name, value) => workflowTemplate({ arguments: { parameters: [{ name, value }] } })],
  ['a last-applied-configuration annotation', (name, value) => ({
    ...pod({}), metadata: { name: 'p', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify(pod({ env: [{ name, value }] })) } },
  })],
  ['a Secret in an Argo resource manifest', (name, value) => workflowTemplate({
    templates: [{ name: 'mk', resource: { action: 'create', manifest: stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { [name]: value } }) } }],
  })],
  ['an env value in an Argo resource manifest', (name, value) => workflowTemplate({
    templates: [{ name: 'mk', inputs: { parameters: [{ name: 'n' }] }, resource: { action: 'apply', manifest: `${stringify(pod({ env: [{ name, value }] }))}# for {{inputs.parameters.n}}\n` } }],
  })],
];

const CHECKS = [checkLiteralCredentials, checkSensitiveEnv, checkPlaintextSecret];

function flagged(object: KubeObject): string[] {
  return CHECKS.flatMap((check) => rules(runCheck(check, object)));
}

/** Places where a value is judged by its name: shapes are found anywhere, names only in named places. */
const NAMED_PLACES = new Set(['an env value', 'an annotation', 'ConfigMap data', 'an Argo parameter', 'a last-applied-configuration annotation',
  'a Secret in an Argo resource manifest', 'an env value in an Argo resource manifest']);

describe('one detector: validate flags exactly what diff and preview mask', () => {
  const cases = [
    ...SHAPES.flatMap(([shape, value]) => PLACES.map(([place, make]) => [`${shape} in ${place}`, (v: string) => make('NOTE', v), value] as const)),
    ...NAMED.flatMap(([what, name, value]) => PLACES.filter(([place]) => NAMED_PLACES.has(place))
      .map(([place, make]) => [`${what} in ${place}`, (v: string) => make(name, v), value] as const)),
  ];

  test.each(cases)('%s', (_label, make, secret) => {
    const object = make(secret);
    // The distinctive part of the secret (the body of a PEM key), however the place escapes it.
    const core = (secret.split('\n')[1] ?? secret).slice(0, 16);
    expect(flagged(object).length).toBeGreaterThan(0);
    expect(JSON.stringify(maskSecrets(object))).not.toContain(core);
    // A change of only the secret (still a secret of the same shape) shows as a masked change, never as the values.
    const changes = diffFields(String(object.kind), object, make(secret.replace(/[a-z0-9](?=[^a-z0-9]*$)/i, (c) => (c === '7' ? '8' : '7'))));
    expect(changes.length).toBeGreaterThan(0);
    expect(JSON.stringify(changes)).not.toContain(core);
  });

  test.each<[string, KubeObject]>([
    ['a credentials file path', pod({ env: [{ name: 'GOOGLE_APPLICATION_CREDENTIALS', value: '/secret/gcp-credentials/user-gcp-sa.json' }] })],
    ['the name of a Secret', pod({ env: [{ name: 'SECRET_NAME', value: 'db-credentials' }] })],
    ['a reference', pod({ env: [{ name: 'DB_PASS', value: '{{workflow.parameters.db-pass}}' }], args: ['Bearer $(TOKEN)', 'postgres://app:{{inputs.parameters.pw}}@db/ml'] })],
    ['a URL without a password', pod({ args: ['postgres://app@db.internal:5432/ml', 'https://github.com/amygdala/code-snippets'] })],
    ['words under a hinting name', pod({ env: [{ name: 'CACHE_KEY', value: 'taxi-model-cache-v1' }] })],
    ['prose about tokens', configMap({ help: 'Bearer authentication needs a token; see the Basic auth docs' })],
    ['a word after Token or Basic in prose', pod({ args: ['Token refresh-interval-30s is configured', 'Basic python3.10-slim image'] })],
    ['a volume of a Secret', pod({ volumes: [{ name: 'sa', secret: { secretName: 'user-gcp-sa' } }] })],
  ])('no alarm and nothing masked: %s', (_label, object) => {
    expect(flagged(object)).toEqual([]);
    expect(maskSecrets(object)).toEqual(object);
  });

  test('the validator names the embedded document and the path inside it', () => {
    const [violation] = runCheck(checkPlaintextSecret, PLACES[6][1]('password', 'hunter2'));
    expect(violation).toMatchObject({ path: 'spec.templates[0].resource.manifest', rule: 'security/plaintext-secret' });
    expect(violation.message).toContain('(in the embedded Secret manifest, at stringData.password)');
    const [env] = runCheck(checkSensitiveEnv, PLACES[5][1]('DB_PASS', 'hunter2'));
    expect(env.message).toBe('env DB_PASS looks like a secret and has a literal value (in the last-applied-configuration annotation, at spec.containers[0].env[0].value)');
  });

  test('a masked manifest keeps its tags and the rest of its text', () => {
    const wt = PLACES[7][1]('DB_PASS', 'hunter2');
    const manifest = (maskSecrets(wt) as { spec: { templates: { resource: { manifest: string } }[] } }).spec.templates[0].resource.manifest;
    expect(manifest).toContain('value: (masked)');
    expect(manifest).toContain('# for {{inputs.parameters.n}}');
    expect(manifest).not.toContain('hunter2');
  });
});

describe('resource manifests are read by the one manifest reader, and masked in place', () => {
  const resource = (manifest: string) => workflowTemplate({ templates: [{ name: 'mk', inputs: { parameters: [{ name: 'n' }] }, resource: { action: 'create', manifest } }] });
  const maskedManifest = (manifest: string) => (maskSecrets(resource(manifest)) as { spec: { templates: { resource: { manifest: string } }[] } }).spec.templates[0].resource.manifest;

  // lib/manifest refuses what go-yaml refuses: the manifest is then no YAML to mask, and no crash.
  test.each([
    ['an alias inside its own anchor', '&a [*a]'],
    ['an alias bomb', ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 6 }, (_, i) => `${'bcdefg'[i]}: &${'bcdefg'[i]} [${Array(10).fill(`*${'abcdef'[i]}`).join(', ')}]`)].join('\n')],
    ['a duplicate key', 'apiVersion: v1\nkind: Secret\nkind: Secret\n'],
  ])('%s is not read, and not a stack trace', (_label, manifest) => {
    const object = resource(manifest);
    expect(() => maskSecrets(object)).not.toThrow();
    expect(flagged(object)).toEqual([]);
  });

  test('validate reports the manifest, diff renders the object: neither ends in a stack trace', () => {
    const text = stringify(resource('&a [*a]'));
    const diff = diffManifests(parseManifestFile('dev/w.yaml', ''), parseManifestFile('dev/w.yaml', text));
    expect(renderText(diff)).toContain('WorkflowTemplate');
    const violations = checkArgoWorkflow(resource('&a [*a]'), { index: new ObjectIndex([]) }).filter((v) => v.rule === 'argo/resource-manifest');
    expect(violations.map((v) => v.message)).toEqual(['the manifest is not valid YAML: an alias refers to the node that contains it (an endless value)']);
  });

  test.each<[string, string, string]>([
    ['a plain value', 'stringData:\n  password: hunter2\n', 'stringData:\n  password: (masked)\n'],
    ['a quoted value, a comment after it', 'stringData:\n  password: "hunter 2" # keep\n', 'stringData:\n  password: (masked) # keep\n'],
    ['a block scalar', 'stringData:\n  password: |\n    hunter2\n    more\n  user: app\n', 'stringData:\n  password: (masked)\n  user: (masked)\n'],
    ['a flow mapping', 'stringData: {password: hunter2, user: app}\n', 'stringData: {password: (masked), user: (masked)}\n'],
    ['a tag in the document', 'metadata: {name: "{{inputs.parameters.n}}"}\nstringData:\n  password: hunter2\n', 'metadata: {name: "{{inputs.parameters.n}}"}\nstringData:\n  password: (masked)\n'],
  ])('%s', (_label, body, expected) => {
    const head = 'apiVersion: v1\nkind: Secret\n';
    expect(maskedManifest(head + body)).toBe(head + expected);
  });

  test('several documents: only the one with secrets changes', () => {
    const other = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}  # as written\n';
    expect(maskedManifest(`${other}---\napiVersion: v1\nkind: Secret\ndata: {k: aGk=}\n`)).toBe(`${other}---\napiVersion: v1\nkind: Secret\ndata: {k: (masked)}\n`);
  });

  test('a secret an alias repeats cannot be spliced; the document is written out again, masked', () => {
    const manifest = 'apiVersion: v1\nkind: Secret\nstringData:\n  a: &pw hunter2\n  b: *pw\n';
    const masked = maskedManifest(manifest);
    expect(masked).not.toContain('hunter2');
    expect(masked).toContain('a: (masked)');
    expect(masked).toContain('b: (masked)');
  });
});

describe('secrets never reach diff or preview output', () => {
  const secret = NAMED[0][2];
  const wt = (value: string) => workflowTemplate({
    entrypoint: 'main',
    arguments: { parameters: [{ name: 'db-pass', value }] },
    templates: [
      { name: 'main', dag: { tasks: [{ name: 'load', template: 'c', arguments: { parameters: [{ name: 'pw', value: '{{workflow.parameters.db-pass}}' }] } }] } },
      { name: 'c', inputs: { parameters: [{ name: 'pw' }] }, container: { image: 'db:1', args: ['--password={{inputs.parameters.pw}}'], env: [{ name: 'DB_PASS', value: '{{inputs.parameters.pw}}' }] } },
    ],
  });

  test('diff: text, markdown and json', () => {
    const diff = diffManifests(parseManifestFile('dev/w.yaml', stringify(wt(secret))), parseManifestFile('dev/w.yaml', stringify(wt(`${secret}-2`))));
    for (const out of [renderText(diff), renderMarkdown(diff), renderJson(diff)]) expect(out).not.toContain(secret);
  });

  test('preview: the parameter, the input, the env value and the copy in an arg', () => {
    const body = wt(secret);
    const preview = previewRun({ pipeline: 'w', env: 'dev', source: { file: 'x', kind: 'WorkflowTemplate', name: 'w' }, run: { generateName: 'w-', namespace: 'n' }, spec: body.spec as Record<string, unknown> });
    for (const out of [renderPreviewText(preview), renderPreviewJson(preview)]) {
      expect(out).not.toContain(secret);
      expect(out).toContain('--password=(masked)');
    }
  });
});

function pod(container: Record<string, unknown>): KubeObject {
  const { volumes, ...rest } = container;
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'alpine:3.19', ...rest }], ...(volumes ? { volumes } : {}) } };
}

function configMap(data: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data };
}

function workflowTemplate(spec: Record<string, unknown>): KubeObject {
  return { apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTemplate', metadata: { name: 'w' }, spec: { entrypoint: 'main', templates: [], ...spec } };
}
