import * as fs from 'fs';
import * as path from 'path';

/**
 * A fresh folder for generated code inside the project (under .kfops/, which git ignores), so the code resolves
 * `kfops`, `cdk8s` and `constructs` the way a project's own files do; removed by the returned function.
 */
export function importDir(): { dir: string; remove: () => void } {
  const parent = path.join(__dirname, '..', '..', '.kfops', 'test-import');
  fs.mkdirSync(parent, { recursive: true });
  const dir = fs.mkdtempSync(path.join(parent, 'out-'));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
