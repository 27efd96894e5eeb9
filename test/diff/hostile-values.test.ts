import { stringify } from 'yaml';
import { ManifestObject, objectId, parseManifestFile } from '../../lib/diff/manifest-object';
import { renderJson, renderJsonChunks } from '../../lib/diff/render-json';
import { renderMarkdown } from '../../lib/diff/render-markdown';
import { renderText } from '../../lib/diff/render-text';
import { diffManifests, TreeDiff } from '../../lib/diff/semantic-diff';

/** A value that would forge a diff line, clear the screen, and reorder what a reader sees. */
const FORGED = 'l1\n  + injected line\u001b[2J';
const BIDI = 'ab\u202ecd';
/** A value that would leave a Markdown code span and table cell, and open a link. */
const BREAKOUT = 'x</code> | `y` [click](https://evil.example) *bold*';

const template = (value: string, envName = 'MODE') => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'WorkflowTemplate',
  metadata: { name: 'w' },
  spec: {
    entrypoint: 'main',
    templates: [
      { name: 'main', dag: { tasks: [{ name: 'train', template: 'train' }] } },
      { name: 'train', container: { image: 'trainer:1', args: ['--mode', value], env: [{ name: envName, value }] } },
    ],
  },
});

function diffOf(before: unknown, after: unknown): TreeDiff {
  return diffManifests(parseManifestFile('dev/w.yaml', stringify(before)), parseManifestFile('dev/w.yaml', stringify(after)));
}

/** Every control, format and line-separator character, as terminals and Markdown viewers would act on them. */
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('values from manifests cannot forge lines or reach a terminal raw', () => {
  test.each([['a forged line and ESC', FORGED], ['a bidi override', BIDI]])('text: %s', (_, value) => {
    const diff = diffOf(template('a'), template(value));
    expect(diff.runs).toHaveLength(1);
    const text = renderText(diff);
    expect(text).not.toMatch(UNSAFE);
    expect(text).not.toMatch(/^\s*\+ injected/m);
    // The value shows escaped and quoted, on its line, in "What will run differently" as in "Changes".
    if (value === FORGED) expect(text).toContain('train: env MODE: a -> "l1\\n  + injected line\\u{1b}[2J"\n');
  });

  test.each([['a forged line and ESC', FORGED], ['a bidi override', BIDI], ['a code-span breakout', BREAKOUT]])('markdown: %s', (_, value) => {
    const md = renderMarkdown(diffOf(template('a'), template(value)));
    expect(md).not.toMatch(UNSAFE);
    expect(md).not.toMatch(/^\s*\+ injected/m);
    // Every code span closes where it was opened: no value brings its own tag, link or unescaped pipe.
    for (const line of md.split('\n').filter((l) => l.includes('<code>'))) {
      expect(line).not.toMatch(/<\/code>[^<]*<\/code>/);
      expect(line).not.toMatch(/[^\\]\]\(https:/);
      expect(line).not.toMatch(/[^\\]\|[^|]*`y/);
    }
  });

  test('json keeps the exact value, escaped as JSON', () => {
    const json = renderJson(diffOf(template('a'), template(FORGED)));
    expect(json).not.toMatch(UNSAFE);
    const lines = JSON.parse(json).runs[0].steps[0].lines as { where: string; after?: string }[];
    expect(lines.find((l) => l.where === 'env MODE')?.after).toBe(FORGED);
  });

  test('odd keys and names in the Changes section are escaped too', () => {
    const cm = (data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data });
    const diff = diffOf(cm({ a: '1' }), cm({ a: '1', [`k\n  + x\u001b`]: FORGED }));
    for (const out of [renderText(diff), renderMarkdown(diff)]) {
      expect(out).not.toMatch(UNSAFE);
      expect(out).not.toMatch(/^\s*\+ (x|injected)/m);
    }
  });
});

describe('a diff of hundreds of thousands of objects', () => {
  // Built in memory: what is tested is the diff and its renderers, not the YAML reader.
  const N = 150_000;
  const pods: ManifestObject[] = Array.from({ length: N }, (_, i) => {
    const ref = { env: 'dev', apiVersion: 'v1', kind: i % 10 === 0 ? 'ConfigMap' : 'Pod', namespace: 'ns', name: `pod-${i}`, generated: false };
    const body = { apiVersion: 'v1', kind: ref.kind, metadata: { name: ref.name }, spec: { containers: [{ name: 'c', image: 'nginx', env: [{ name: 'DB_PASS', value: `hunter2-${i}` }] }] } };
    return { ref, id: objectId(ref), file: 'dev/pods.yaml', body };
  });
  const diff = diffManifests([], pods);

  test('text lists the first 50 added objects and counts the rest by kind, without overflowing the stack', () => {
    const text = renderText(diff);
    expect(text.split('\n').filter((l) => l.startsWith('  + '))).toHaveLength(50);
    expect(text).toContain('  … and 149,950 more objects (kinds: Pod 135,000, ConfigMap 14,950)\n');
  });

  test('markdown stays under the comment limit and says what it left out', () => {
    const md = renderMarkdown(diff);
    expect(md.length).toBeLessThanOrEqual(65536);
    expect(md).toContain('| _… and 149,950 more objects (kinds: Pod 135,000, ConfigMap 14,950)_ | | | |');
    expect(md).toMatch(/Truncated: \d+ object section\(s\)/);
    expect(md).not.toContain('hunter2');
  });

  test('json holds every object, secrets masked, written in pieces of about 64 KiB', () => {
    const small = diffManifests([], pods.slice(0, 3000));
    const chunks = [...renderJsonChunks(small)];
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(70 * 1024);
    const doc = JSON.parse(chunks.join(''));
    expect(doc.objects).toHaveLength(3000);
    expect(doc.objects.every((o: { body: { spec: { containers: { env: { value: string }[] }[] } } }) => o.body.spec.containers[0].env[0].value === '(masked)')).toBe(true);
  });
});
