import * as fs from 'fs';
import * as path from 'path';
import { validateManifests } from '../../lib/validate/validator';
import { Severity } from '../../lib/validate/violation';

const ROOT = path.resolve(__dirname, '..', '..');
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'validate', 'no-false-alarms');

describe('no false alarms on valid manifests in the shapes of upstream examples', () => {
  const files = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.yaml')).sort();

  test.each(files)('%s has no errors', async (file) => {
    // The project root, so imports/ supplies the TFJob CRD as it does for users.
    const report = await validateManifests({ cwd: ROOT, paths: [path.join(FIXTURES, file)] });
    const errors = report.results.flatMap((r) => r.violations.filter((v) => v.severity === Severity.ERROR).map((v) => `${r.kind} ${r.name}: ${v.path}: ${v.message}`));
    expect(errors).toEqual([]);
    expect(report.objects).toBeGreaterThan(0);
  });

  test('the expected warnings, and only those', async () => {
    const report = await validateManifests({ cwd: ROOT, paths: [FIXTURES] });
    const warnings = report.results.flatMap((r) => r.violations.map((v) => `${r.name} ${v.rule}`));
    expect(warnings).toEqual(['pipeline argo/template-ref-external', 'mnist-dist security/image-tag']);
  });
});

// Official examples and install manifests kept verbatim by the schema tests; the whole validator must pass them too.
const UPSTREAM = path.join(__dirname, '..', 'fixtures', 'validate', 'schema', 'upstream');

(fs.existsSync(UPSTREAM) ? describe : describe.skip)('no false alarms on upstream examples and install manifests', () => {
  test('every object validates with no errors', async () => {
    // The examples come from the projects' main branches, so they are checked against the newest releases.
    const schemaVersions = { versions: { kubernetesVersion: '1.35', argoVersion: '4.1', argoCdVersion: '3.5' }, source: 'flag' } as const;
    const report = await validateManifests({ cwd: ROOT, paths: [UPSTREAM], schemaVersions });
    // Examples from different upstream pages reuse names (two ApplicationSets "guestbook"); they are never applied together.
    const errors = report.results.flatMap((r) => r.violations.filter((v) => v.severity === Severity.ERROR && v.rule !== 'input/duplicate-object')
      .map((v) => `${r.file} ${r.kind} ${r.name}: ${v.path}: ${v.message}`));
    expect(errors).toEqual([]);
    expect(report.objects).toBeGreaterThan(40);
  });
});
