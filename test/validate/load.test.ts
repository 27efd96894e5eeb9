import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadManifests } from '../../lib/validate/load';
import { UserError } from '../../lib/user-error';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-load-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return name;
}

const configMap = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;
const aliasBomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', 'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]', 'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]', 'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]', 'f: [*e,*e,*e,*e,*e,*e,*e,*e,*e]'].join('\n');

describe('loadManifests: bad input is reported, not thrown', () => {
  test.each<[string, string | Buffer, string, RegExp]>([
    ['YAML syntax error', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\n', 'input/syntax', /^YAML syntax error/],
    ['duplicate key', 'apiVersion: v1\nkind: ConfigMap\nkind: Secret\nmetadata: {name: x}\n', 'input/duplicate-key', /^duplicate key/],
    ['alias bomb', aliasBomb, 'input/alias-bomb', /^aliases expand the document to .* values from \d+ written/],
    ['scalar document', 'just a string\n', 'input/not-an-object', /is a string, not a Kubernetes object/],
    ['list document', '- a\n- b\n', 'input/not-an-object', /is a sequence, not a Kubernetes object/],
    ['binary file', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]), 'input/binary', /^bad\.yaml is not text: it holds a NUL byte at offset 4$/],
    ['invalid UTF-8', Buffer.from([0x61, 0x3a, 0x20, 0xff, 0xfe, 0x0a]), 'input/binary', /^bad\.yaml is not UTF-8 text$/],
  ])('%s', (_, content, rule, message) => {
    write('bad.yaml', content);
    const { problems, objects } = loadManifests({ cwd: dir, paths: ['bad.yaml'] });
    expect(objects).toEqual([]);
    expect(problems).toEqual([expect.objectContaining({ file: 'bad.yaml', violations: [expect.objectContaining({ rule, severity: 'error', message: expect.stringMatching(message) })] })]);
  });

  test.each<[string, string, number, number]>([
    ['syntax error', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\n', 4, 1],
    ['duplicate key', 'apiVersion: v1\nkind: ConfigMap\nkind: Secret\nmetadata: {name: x}\n', 3, 1],
  ])('a %s carries its line and column', (_, content, line, column) => {
    write('bad.yaml', content);
    expect(loadManifests({ cwd: dir, paths: ['bad.yaml'] }).problems[0].violations[0]).toMatchObject({ line, column });
  });

  test('a file over the size limit is reported with the flag that raises it', () => {
    write('big.yaml', configMap('x') + '#'.repeat(2000));
    const { problems } = loadManifests({ cwd: dir, paths: ['big.yaml'], maxFileBytes: 1000 });
    expect(problems[0].violations[0]).toMatchObject({ rule: 'input/too-large', fix: expect.stringContaining('--max-file-size') });
  });

  test('a 10 MB bundle passes the default limit', () => {
    const doc = `${configMap('x')}data:\n  blob: "${'a'.repeat(10_000)}"\n---\n`;
    write('bundle.yaml', doc.repeat(1050));
    const { problems, objects } = loadManifests({ cwd: dir, paths: ['bundle.yaml'] });
    expect(problems).toEqual([]);
    expect(objects).toHaveLength(1050);
  });

  test.each([['missing file', 'nope.yaml'], ['missing folder', 'dist']])('%s is a usage error (exit 2)', (_, given) => {
    expect(() => loadManifests({ cwd: dir, paths: [given] })).toThrow(new UserError(`cannot read ${given}: no such file or directory (check the path; \`npx kfops synth\` writes dist/)`, 2));
    try {
      loadManifests({ cwd: dir, paths: [given] });
    } catch (err) {
      expect((err as UserError).exitCode).toBe(2);
    }
  });

  test('a syntax error in one document keeps the others', () => {
    write('multi.yaml', `${configMap('a')}---\nkind: [\n---\n${configMap('c')}`);
    const { problems, objects } = loadManifests({ cwd: dir, paths: ['multi.yaml'] });
    expect(objects.map((o) => (o.object.metadata as { name: string }).name)).toEqual(['a', 'c']);
    expect(problems).toHaveLength(1);
  });
});

describe('loadManifests: what is read', () => {
  test('folders are searched recursively for yaml, yml and json, sorted; construct-metadata.json is skipped', () => {
    write('dist/b.yaml', configMap('b'));
    write('dist/a/x.yml', configMap('x'));
    write('dist/c.json', JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }));
    write('dist/construct-metadata.json', '{"version":"1.0.0","resources":{}}');
    write('dist/README.md', '# not a manifest');
    const { objects, roots } = loadManifests({ cwd: dir, paths: ['dist'] });
    expect(objects.map((o) => o.file)).toEqual(['dist/a/x.yml', 'dist/b.yaml', 'dist/c.json']);
    expect(roots).toEqual([path.join(dir, 'dist')]);
  });

  test('multi-document files record the line each object starts on', () => {
    write('multi.yaml', `${configMap('a')}---\n${configMap('b')}`);
    expect(loadManifests({ cwd: dir, paths: ['multi.yaml'] }).objects.map((o) => o.line)).toEqual([1, 6]);
  });

  test('List kinds are expanded into their items', () => {
    write('list.yaml', JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } }, { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' } }] }));
    expect(loadManifests({ cwd: dir, paths: ['list.yaml'] }).objects.map((o) => o.object.kind)).toEqual(['ConfigMap', 'Service']);
  });

  test('empty documents between separators are ignored', () => {
    write('gaps.yaml', `---\n${configMap('a')}---\n---\n`);
    const { objects, problems } = loadManifests({ cwd: dir, paths: ['gaps.yaml'] });
    expect([objects.length, problems.length]).toEqual([1, 0]);
  });
});

describe('Helm charts', () => {
  // The shape of argocd-example-apps' helm-guestbook: Chart.yaml, values files, templates Helm renders.
  const chart = () => {
    write('apps/guestbook/Chart.yaml', 'apiVersion: v2\nname: guestbook\nversion: 0.1.0\n');
    write('apps/guestbook/values.yaml', 'replicaCount: 1\n');
    write('apps/guestbook/templates/deployment.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "guestbook.fullname" . }}\n');
    write('apps/guestbook/charts/sub/templates/svc.yaml', 'kind: Service\nspec: {{ toYaml .Values.svc }}\n');
    write('apps/plain/cm.yaml', configMap('plain'));
  };

  test('a folder holding Chart.yaml is one warning, and none of its files is read as a manifest', () => {
    chart();
    const loaded = loadManifests({ cwd: dir, paths: ['apps'] });

    expect(loaded.objects.map((o) => o.file)).toEqual(['apps/plain/cm.yaml']);
    expect(loaded.problems.map((p) => [p.file, p.violations.map((v) => `${v.severity} ${v.rule}`)])).toEqual([['apps/guestbook/Chart.yaml', ['warning input/helm-chart']]]);
  });

  // Argo CD's discovery (util/app/discovery): a kustomization beside Chart.yaml makes the folder a Kustomize app.
  test('a folder holding Chart.yaml and a kustomization is a kustomize folder, read as one', () => {
    chart();
    write('apps/guestbook/kustomization.yaml', 'resources: [extra.yaml]\n');
    write('apps/guestbook/extra.yaml', configMap('extra'));
    fs.rmSync(path.join(dir, 'apps/guestbook/templates'), { recursive: true });
    fs.rmSync(path.join(dir, 'apps/guestbook/charts'), { recursive: true });
    const loaded = loadManifests({ cwd: dir, paths: ['apps'] });

    // Chart.yaml and values.yaml are files of the folder its kustomization does not list (the validator warns of them).
    expect(loaded.objects.map((o) => o.file)).toEqual(['apps/guestbook/Chart.yaml', 'apps/guestbook/extra.yaml', 'apps/guestbook/kustomization.yaml', 'apps/guestbook/values.yaml', 'apps/plain/cm.yaml']);
    expect(loaded.problems).toEqual([]);
  });

  test('a chart file named on the command line is read as asked', () => {
    chart();

    expect(loadManifests({ cwd: dir, paths: ['apps/guestbook/values.yaml'] }).objects.map((o) => o.file)).toEqual(['apps/guestbook/values.yaml']);
  });
});
