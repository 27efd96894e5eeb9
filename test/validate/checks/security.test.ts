import { checkImageTags, checkLiteralCredentials, checkPlaintextSecret, checkSensitiveEnv } from '../../../lib/validate/checks';
import { imageProblem } from '../../../lib/validate/checks/security/image-tags';
import { KubeObject } from '../../../lib/validate/object-index';
import * as fs from 'fs';
import * as path from 'path';
import { readManifestText } from '../../../lib/manifest';
import * as secretScan from '../../../lib/validate/checks/security/secret-scan';
import { rules, runCheck } from '../builders';

// Built by concatenation so no credential-shaped literal sits in the repository.
const AWS_KEY = ['AKIA', 'Q3EGRT7ZKX2M4NWP'].join('');
const PEM = ['-----BEGIN RSA PRIVATE KEY-----', 'MIIEowIBAAKCAQEAx4UbaDzY3ZpR7kq9vJm2lYtq8zN5H0iF3gW1cV6bE7dK2sL9', '-----END RSA PRIVATE KEY-----'].join('\n');
const GCP_JSON = JSON.stringify({ type: 'service_account', project_id: 'p', private_key: `${PEM.replace(/\n/g, '\\n')}`, client_email: 'x@p.iam.gserviceaccount.com' });
const GITHUB = ['ghp', '_', 'a'.repeat(18), 'B'.repeat(18)].join('');
const SLACK = ['xoxb', '-123456789012-123456789012-', 'abcdefABCDEF123456'].join('');

const pod = (env: unknown[], extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'alpine:3.19', env, ...extra }] },
});
const configMap = (data: Record<string, string>): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data });

/** Every object of the YAML fixtures under test/fixtures/validate: upstream examples and bundles of every kind. */
function fixtureObjects(): KubeObject[] {
  const root = path.join(__dirname, '../../fixtures/validate');
  return fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => /\.ya?ml$/.test(f))
    .flatMap((f) => readManifestText(fs.readFileSync(path.join(root, f), 'utf8'), f).entries.map((e) => e.object as KubeObject));
}

describe('checkLiteralCredentials', () => {
  test.each<[string, KubeObject, string[]]>([
    ['AWS key in env', pod([{ name: 'AWS_ACCESS_KEY_ID', value: AWS_KEY }]), ['error:security/credential']],
    ['PEM key in a ConfigMap', configMap({ 'key.pem': PEM }), ['error:security/credential']],
    ['service-account JSON in args', pod([], { args: [GCP_JSON] }), ['error:security/credential']],
    ['GitHub token in command', pod([], { command: ['sh', '-c', `git clone https://${GITHUB}@github.com/x/y`] }), ['error:security/credential']],
    ['Slack token in an annotation', { ...configMap({}), metadata: { name: 'c', annotations: { notify: SLACK } } }, ['error:security/credential']],
    ['key in an Argo resource manifest', { apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTemplate', metadata: { name: 'w' },
      spec: { templates: [{ name: 'm', resource: { action: 'create', manifest: `kind: ConfigMap\ndata:\n  k: ${AWS_KEY}\n` } }] } }, ['error:security/credential']],
    ['inside a Secret it is fine', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { key: PEM } }, []],
    ['AWS documentation example key', pod([{ name: 'AWS_ACCESS_KEY_ID', value: 'AKIAIOSFODNN7EXAMPLE' }]), []],
    ['header without a key body', pod([], { args: ['grep -l "BEGIN RSA PRIVATE KEY-----" *.pem'] }), []],
    ['public certificate', configMap({ 'ca.crt': '-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ\n-----END CERTIFICATE-----' }), []],
    ['reference', pod([{ name: 'TOKEN', value: '{{workflow.parameters.token}}' }]), []],
  ])('%s', (_, object, expected) => {
    expect(rules(runCheck(checkLiteralCredentials, object))).toEqual(expected);
  });

  // RFC 7235 credentials: a scheme and a token68. Only where the text says it is a header value, the value is
  // nothing but the header's value, or the token looks random; a word after "Token" or "Basic" in prose is no credential.
  const TOKEN = ['c2VydmljZS10b2tlbi0', '4f9a2b7c'].join('');
  const BASIC = ['dXNlcjpw', 'YXNz'].join('');
  test.each<[string, string, boolean]>([
    ['an Authorization header in curl', `curl -H "Authorization: Bearer ${TOKEN}" https://api`, true],
    ['Basic credentials without digits in a header', `Authorization: Basic ${BASIC}`, true],
    ['a JSON header map', `{"Authorization": "Token ${BASIC}x"}`, true],
    ['a value that is exactly scheme and credential', `Bearer ${TOKEN}`, true],
    ['a random-looking token after the scheme anywhere', `call with bearer ${['9fK2xQ7', 'vLp3ZtR8', 'mWn4Yh'].join('')} then`, true],
    ['prose after Token', 'Token refresh-interval-30s is configured', false],
    ['prose after Basic', 'Basic python3.10-slim image', false],
    ['a plain word as the whole value', 'Token required', false],
    ['a reference in a header', 'Authorization: Bearer $(API_TOKEN)', false],
  ])('Authorization credentials: %s', (_, value, credential) => {
    expect(rules(runCheck(checkLiteralCredentials, pod([{ name: 'MESSAGE', value }])))).toEqual(credential ? ['error:security/credential'] : []);
  });

  test('the violation names the path, the kind of credential and the fix', () => {
    expect(runCheck(checkLiteralCredentials, pod([{ name: 'K', value: AWS_KEY }]))[0]).toMatchObject({
      path: 'spec.containers[0].env[0].value', message: 'holds an AWS access key id as a literal value',
      fix: expect.stringContaining('secretKeyRef'),
    });
  });
});

describe('checkSensitiveEnv', () => {
  test.each<[string, KubeObject, string[]]>([
    ['literal password', pod([{ name: 'DB_PASSWORD', value: 'hunter2' }]), ['warning:security/sensitive-env']],
    ['literal token', pod([{ name: 'api_token', value: 'abc123xyz' }]), ['warning:security/sensitive-env']],
    ['secretKeyRef', pod([{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }]), []],
    ['empty value', pod([{ name: 'DB_PASSWORD', value: '' }]), []],
    ['Argo reference', pod([{ name: 'DB_PASSWORD', value: '{{inputs.parameters.pw}}' }]), []],
    ['env var reference', pod([{ name: 'DB_PASSWORD', value: '$(FROM_SECRET)' }]), []],
    ['placeholder path', pod([{ name: 'TOKEN', value: '/var/run/secrets/token' }]), []],
    ['name of a secret, not the secret', pod([{ name: 'SECRET_NAME', value: 'db-credentials' }]), []],
    ['file holding the secret', pod([{ name: 'PASSWORD_FILE', value: 'pw.txt' }]), []],
    ['boolean flag', pod([{ name: 'USE_TOKEN', value: 'true' }]), []],
    // Knative serving's AUTH_PROXY_IMAGE: an image by digest, random-looking under a name that hints at auth.
    ['an image under a name that hints at a secret', pod([{ name: 'AUTH_PROXY_IMAGE', value: 'gcr.io/knative-releases/knative.dev/serving/cmd/queue@sha256:9f1e6a4bc2d4e8a1f0c3b5d7e9f1a3c5b7d9e1f3a5c7b9d1e3f5a7c9b1d3e5f7' }]), []],
    ['ConfigMap key', configMap({ 'db-password': 'hunter2' }), ['warning:security/sensitive-literal']],
    ['a ConfigMap key holding JSON settings (KServe\'s credentials); a credential inside is found by its shape elsewhere', configMap({ credentials: '{"gcs": {"gcsCredentialFileName": "gcloud-application-credentials.json"}, "s3": {"s3AccessKeyIDName": "AWS_ACCESS_KEY_ID"}}' }), []],
    ['a ConfigMap key holding a secret that merely starts with a brace', configMap({ 'db-password': '{hunter2}' }), ['warning:security/sensitive-literal']],
    ['an annotation naming a Secret as namespace/name (cert-manager)', { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration',
      metadata: { name: 'm', annotations: { 'cert-manager.io/inject-ca-from-secret': 'cert-manager/cert-manager-webhook-ca' } }, webhooks: [] }, []],
    ['ordinary ConfigMap', configMap({ 'learning-rate': '0.01' }), []],
  ])('%s', (_, object, expected) => {
    expect(rules(runCheck(checkSensitiveEnv, object))).toEqual(expected);
  });
});

describe('checkPlaintextSecret', () => {
  const secret = (fields: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, ...fields });
  test.each<[string, KubeObject, string[]]>([
    ['data', secret({ data: { password: 'aHVudGVyMg==' } }), ['warning:security/plaintext-secret']],
    ['stringData', secret({ stringData: { password: 'hunter2' } }), ['warning:security/plaintext-secret']],
    ['empty Secret', secret({ type: 'kubernetes.io/service-account-token' }), []],
    ['empty values', secret({ data: { password: '' } }), []],
    ['SealedSecret', { apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', metadata: { name: 's' }, spec: { encryptedData: { password: 'AgBy...' } } }, []],
    ['a Secret in the last-applied-configuration of a CRD', { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition',
      metadata: { name: 'c', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify(secret({ data: { password: 'aHVudGVyMg==' } })) } } },
    ['warning:security/plaintext-secret']],
    ['a Secret in an Argo resource manifest', { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { generateName: 'w-' },
      spec: { templates: [{ name: 'm', resource: { action: 'create', manifest: 'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {password: hunter2}\n' } }] } },
    ['warning:security/plaintext-secret']],
  ])('%s', (_, object, expected) => {
    expect(rules(runCheck(checkPlaintextSecret, object))).toEqual(expected);
  });

  test('objects that cannot hold Secret data are not scanned, and no scan finds any in them', () => {
    const spy = jest.spyOn(secretScan, 'scanSecrets');
    const crd: KubeObject = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'c' }, spec: { data: { password: 'x' } } };
    try {
      // The spy sees the check's scans: a Secret is scanned...
      expect(rules(runCheck(checkPlaintextSecret, secret({ data: { password: 'aHVudGVyMg==' } })))).toEqual(['warning:security/plaintext-secret']);
      expect(spy).toHaveBeenCalledTimes(1);
      // ...and a CRD is not.
      expect(runCheck(checkPlaintextSecret, crd)).toEqual([]);
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
    // The skip is exact: over every kind of object the fixtures hold and a few built here, an object it skips has no
    // Secret data by the scan itself.
    const objects: KubeObject[] = [crd, configMap({ password: 'aHVudGVyMg==' }), pod([{ name: 'PASSWORD', value: 'hunter2' }]),
      { ...secret({ data: { password: 'aHVudGVyMg==' } }), apiVersion: 'v2' }, ...fixtureObjects()];
    for (const object of objects) {
      const found = secretScan.scanSecrets(object, { cache: false }).findings.some((f) => f.kind === 'secret-data');
      if (found) expect(secretScan.mayHoldSecretData(object)).toBe(true);
    }
    expect(objects.filter((o) => secretScan.mayHoldSecretData(o)).length).toBeGreaterThan(0);
    expect(objects.filter((o) => !secretScan.mayHoldSecretData(o)).length).toBeGreaterThan(10);
  });
});

describe('checkImageTags', () => {
  test.each<[string, string | undefined]>([
    ['tensorflow/serving:2.14.0', undefined],
    ['registry.example.com:5000/team/train:v3', undefined],
    ['alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', undefined],
    ['python', 'has no tag, so it means :latest'],
    ['registry.example.com:5000/team/train', 'has no tag, so it means :latest'],
    ['tensorflow/serving:latest', 'uses the :latest tag'],
  ])('imageProblem(%s)', (image, expected) => {
    expect(imageProblem(image)).toBe(expected);
  });

  test.each<[string, KubeObject, string[]]>([
    ['pinned container', pod([]), []],
    ['latest in an Argo script template', { apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTemplate', metadata: { name: 'w' },
      spec: { templates: [{ name: 's', script: { image: 'python:latest', source: 'print(1)' } }] } }, ['warning:security/image-tag']],
    ['untagged init container', { ...pod([]), spec: { containers: [{ name: 'c', image: 'a:1' }], initContainers: [{ name: 'i', image: 'busybox' }] } }, ['warning:security/image-tag']],
    ['templated image', pod([], { image: '{{inputs.parameters.image}}' }), []],
  ])('%s', (_, object, expected) => {
    expect(rules(runCheck(checkImageTags, object))).toEqual(expected);
  });
});
