import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../../..');
const GENERATED = path.join(ROOT, 'lib/validate/schema/generated');

test('the committed generated schemas are what build-schemas derives from the installed packages', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-build-schemas-'));
  execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'lib/validate/schema/build/build-schemas.ts'), out], {
    cwd: ROOT,
    stdio: 'pipe',
  });
  for (const file of ['definitions.json', 'kinds.json']) {
    // A mismatch means the packages changed: rerun `npx tsx lib/validate/schema/build/build-schemas.ts` and commit.
    expect(fs.readFileSync(path.join(out, file), 'utf8') === fs.readFileSync(path.join(GENERATED, file), 'utf8')).toBe(true);
  }
}, 120000);
