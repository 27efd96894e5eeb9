import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { startKfops } from '../helpers/kfops-child';

// `kfops validate --format json | head`: the reader closes the pipe after its first lines.
test('a reader that closes the output early gets no stack trace, and the command keeps its exit code', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-closed-output-'));
  // Far more report than a pipe holds, so kfops is still writing when the reader goes away.
  const pods = Array.from({ length: 3000 }, (_, i) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-${i}\nspec:\n  containers:\n  - name: main\n`);
  fs.writeFileSync(path.join(dir, 'pods.yaml'), pods.join('---\n'));
  const { child, exited } = startKfops(['validate', dir, '--format', 'json'], dir);
  child.stdout?.once('data', () => child.stdout?.destroy());
  const result = await exited;
  expect(result.stderr).toBe('');
  expect(result.code).toBe(1);
});
