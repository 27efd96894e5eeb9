import * as fs from 'fs';
import * as path from 'path';
import { validateCommand } from '../../lib/cli/validate-command';

const ROOT = path.resolve(__dirname, '..', '..');
const DIST = path.join(ROOT, 'dist');

// The example app's synthesized output (dist/, with pipelines/params/) must validate without errors: kfops never
// rejects its own output. Skipped only before the first synth.
(fs.existsSync(DIST) ? describe : describe.skip)('the example app output', () => {
  test('validates with no errors, params files included', async () => {
    let out = '';
    const code = await validateCommand({ cwd: ROOT, format: 'json', out: (t) => { out += t; } });
    const report = JSON.parse(out);
    const errors = report.results.flatMap((r: { file: string; violations: { severity: string; message: string }[] }) =>
      r.violations.filter((v) => v.severity === 'error').map((v) => `${r.file}: ${v.message}`));
    expect(errors).toEqual([]);
    expect(code).toBe(0);
    expect(report.summary.objects).toBeGreaterThan(0);
  });
});
