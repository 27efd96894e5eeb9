import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { FIXTURES, loadRegistry } from './load-registry';

/** Hand-written manifests using fields that are easy to get wrong in a schema; all valid, so no violation. */
const VALID = path.join(FIXTURES, 'valid');

const cases = fs
  .readdirSync(VALID)
  .sort()
  .flatMap((file) =>
    parseAllDocuments(fs.readFileSync(path.join(VALID, file), 'utf8')).map((doc, i) => {
      const obj = (doc as { toJS(): Record<string, unknown> }).toJS();
      return [`${file}#${i + 1} ${String(obj.kind)}`, obj] as const;
    }),
  );

test.each(cases)('%s has no violations', async (_, obj) => {
  expect((await loadRegistry()).validate(obj)).toEqual([]);
});
