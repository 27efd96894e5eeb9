import { stringify } from 'yaml';
import { parseManifestFile } from '../../../lib/diff/manifest-object';
import { renderJson } from '../../../lib/diff/render-json';
import { renderMarkdown } from '../../../lib/diff/render-markdown';
import { renderText } from '../../../lib/diff/render-text';
import { maskSecrets } from '../../../lib/diff/masking';
import { diffManifests } from '../../../lib/diff/semantic-diff';
import { checkLiteralCredentials } from '../../../lib/validate/checks';
import { KubeObject } from '../../../lib/validate/object-index';
import { rules, runCheck } from '../builders';

// Built by concatenation so no credential-shaped literal sits in the repository.
const pem = (type: string, body: string[]) => [`-----BEGIN ${type}-----`, ...body, `-----END ${type}-----`].join('\n');
const B64 = ['MIIEowIBAAKCAQEAx4Uba', 'DzY3ZpR7kq9vJm2lYtq8zN5H0iF3gW1cV6bE7dK2sL9'].join('');
const NPM_TOKEN = ['npm', '_', 'aB3dE6gH9jK2mN5pQ8sT1vW4yZ7bC0eF3hJ6'].join('');

const pod = (container: Record<string, unknown>): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'alpine:3.19', ...container }] },
});
const env = (value: string) => pod({ env: [{ name: 'MY_CRED', value }] });
const configMap = (data: Record<string, string>): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data });

/** Secrets by shape under innocent names, and look-alikes that are none. */
const CASES: readonly [string, KubeObject, boolean][] = [
  ['RSA key in a ConfigMap', configMap({ 'id.pem': pem('RSA PRIVATE KEY', [B64]) }), true],
  ['EC key in an env value', env(pem('EC PRIVATE KEY', [B64.slice(0, 40)])), true],
  ['OpenSSH key, lines of 20 characters', env(pem('OPENSSH PRIVATE KEY', ['b3BlbnNzaC1rZXktdjEA', 'AAAABG5vbmUAAAAEbm9u'])), true],
  ['PKCS#8 key', configMap({ k: pem('PRIVATE KEY', [B64]) }), true],
  ['encrypted PKCS#8 key', configMap({ k: pem('ENCRYPTED PRIVATE KEY', [B64]) }), true],
  ['key with its body cut when pasted', env(`${'-----BEGIN RSA PRIVATE KEY-----'}...`), true],
  ['key with a short body and its END line', env(pem('RSA PRIVATE KEY', ['MIIBOg'])), true],
  ['PGP private key block', configMap({ k: pem('PGP PRIVATE KEY BLOCK', ['', B64]) }), true],
  ['certificate', configMap({ 'ca.crt': pem('CERTIFICATE', [B64]) }), false],
  ['public key', configMap({ 'key.pub': pem('PUBLIC KEY', [B64]) }), false],
  ['npm token in env', env(NPM_TOKEN), true],
  ['.npmrc with an _authToken line', configMap({ '.npmrc': `registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=${'1a2b3c4d-5e6f'}-7a8b\n` }), true],
  ['.npmrc with _auth', configMap({ npmrc: `_auth=${'Ym9iOmh1bnRlcjI='}` }), true],
  ['.npmrc with _password', configMap({ npmrc: `//npm.acme.io/:_password=${'aHVudGVy'}\n//npm.acme.io/:username=bob` }), true],
  ['.npmrc reading the token from the environment', configMap({ npmrc: '//registry.npmjs.org/:_authToken=${NPM_TOKEN}' }), false],
  ['--password= in args', pod({ args: ['--user=bob', `--password=${'hunter2'}`] }), true],
  ['--token= in a shell command', pod({ command: ['sh', '-c', `curl --token=${'abc123def'} https://x`] }), true],
  ['--api-key and its value as two args', pod({ args: ['--api-key', 'k3y-value'] }), true],
  ['mysql -p value as args', pod({ command: ['mysql', '-u', 'root', '-p', 'hunter2', 'db'] }), true],
  ['mysql -pvalue as an arg', pod({ command: ['/usr/bin/mysql', '-phunter2'] }), true],
  ['mysql -p value in a script', pod({ command: ['sh', '-c', 'mysql -u root -p hunter2 db < dump.sql'] }), true],
  ['redis-cli -a value', pod({ args: ['redis-cli', '-h', 'redis', '-a', 'hunter2', 'PING'] }), true],
  ['--password-file=/path', pod({ args: ['--password-file=/etc/db/password'] }), false],
  ['--password-file and a path as two args', pod({ args: ['--password-file', '/etc/db/password'] }), false],
  ['--password= an Argo reference', pod({ args: ['--password={{inputs.parameters.password}}'] }), false],
  ['--password and an Argo reference as two args', pod({ args: ['--password', '{{inputs.parameters.password}}'] }), false],
  ['--password=$(DB_PASS)', pod({ args: ['--password=$(DB_PASS)'] }), false],
  ['--token-ttl=3600', pod({ args: ['--token-ttl=3600'] }), false],
  // A shell expands these (`$$` is Kubernetes' escape of `$` in command and args): the secret comes from the environment.
  ['mysql -p$$VAR in a probe script (KFP metadata-db)', pod({ readinessProbe: { exec: { command: ['/bin/bash', '-c', "mysql -D $$MYSQL_DATABASE -p$$MYSQL_ROOT_PASSWORD -e 'SELECT 1'"] } } }), false],
  ['mysql -p $VAR in a script', pod({ command: ['sh', '-c', 'mysql -u root -p "$DB_PASS" db < dump.sql'] }), false],
  ['--password=$VAR in a script', pod({ command: ['sh', '-c', 'app --password=$DB_PASSWORD'] }), false],
  ['a URL whose password is a shell variable', pod({ command: ['sh', '-c', 'psql postgres://app:$PGPASSWORD@db:5432/app'] }), false],
  ['.npmrc written from a shell variable', pod({ command: ['sh', '-c', 'echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > ~/.npmrc'] }), false],
  ['mysql -p with a literal that has a $ inside', pod({ command: ['sh', '-c', 'mysql -u root -phun$ter2 db'] }), true],
  ['a flag without a value, then another flag', pod({ args: ['--prompt-password', '--verbose'] }), false],
  ['mkdir -p dir', pod({ command: ['sh', '-c', 'mkdir -p out && cp -p a out/'] }), false],
  ['-p for a port', pod({ args: ['serve', '-p', '8080'] }), false],
  ['prose about a flag', pod({ command: ['sh', '-c', 'echo "pass --token before running"'] }), false],
];

describe('credentials by shape', () => {
  test.each(CASES)('%s', (_, object, secret) => {
    expect(rules(runCheck(checkLiteralCredentials, object))).toEqual(secret ? ['error:security/credential'] : []);
  });

  test('the violation names the path and what was found', () => {
    const [v] = runCheck(checkLiteralCredentials, pod({ args: ['--password', 'hunter2'] }));
    expect(v).toMatchObject({ path: 'spec.containers[0].args[1]', message: expect.stringContaining('a secret in a command-line flag') });
  });

  // One detector: whatever validate flags, every output of diff masks.
  test.each(CASES.filter(([, , secret]) => secret))('diff masks it in every format: %s', (_, object) => {
    const plain = pod({ env: [{ name: 'MODE', value: 'a' }] });
    const changed = (o: KubeObject) => ({ ...o, metadata: { name: 'x' } });
    const base = parseManifestFile('dev/x.yaml', stringify(changed(plain)));
    const head = parseManifestFile('dev/x.yaml', stringify(changed(object)));
    const added = diffManifests([], parseManifestFile('dev/y.yaml', stringify(object)));
    // The words of each flagged string but flag names: a secret must not show in part either.
    const words = leaves(object).filter((v) => isSecretLeaf(object, v)).flatMap((v) => v.split(/[\s=:]+/)).filter((w) => w.length >= 6 && !w.startsWith('--'));
    expect(words.length).toBeGreaterThan(0);
    for (const diff of [diffManifests(base, head), added]) {
      for (const out of [renderText(diff), renderMarkdown(diff), renderJson(diff)]) {
        for (const w of words) expect(out).not.toContain(w);
      }
    }
  });
});

/** Every string of a value. */
function leaves(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(leaves);
  if (value && typeof value === 'object') return Object.values(value).flatMap(leaves);
  return [];
}

/** True when the violation of `object` points at the string `v` (the secret itself, not its neighbours). */
function isSecretLeaf(object: KubeObject, v: string): boolean {
  return runCheck(checkLiteralCredentials, object).some((x) => at(object, x.path) === v);
}

/** The value at a reported path: `spec.containers[0].args[1]`, `data["id.pem"]`. */
function at(object: unknown, path: string): unknown {
  const keys = [...path.matchAll(/\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|([^.[\]]+)/g)].map((m) => m[1] ?? (m[2] ? JSON.parse(m[2]) as string : m[3]));
  return keys.reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], object);
}

test('a flag keeps its name when its value is masked, so the diff says which flag changed', () => {
  const diff = diffManifests(parseManifestFile('dev/p.yaml', stringify(pod({ args: ['--password=old-secret'] }))),
    parseManifestFile('dev/p.yaml', stringify(pod({ args: ['--password=new-secret'] }))));
  expect(renderText(diff)).toContain('spec.containers[name=c].args: (changed)');
  expect(JSON.stringify(maskSecrets(pod({ args: ['--user=bob', '--password=hunter2'] })))).toContain('"--user=bob","--password=(masked)"');
});
