import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { SchemaRegistry } from '../lib/validate/schema';
(async () => {
  const root = 'test/fixtures/validate/schema/upstream';
  const r = await SchemaRegistry.load({ cwd: '/tmp/none', crdPaths: [path.resolve(root, 'training-operator/crd')] });
  const walk = (d: string): string[] => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => e.isDirectory() ? (e.name === 'crd' ? [] : walk(path.join(d, e.name))) : e.name.endsWith('.yaml') ? [path.join(d, e.name)] : []);
  for (const f of walk(root)) {
    for (const doc of parseAllDocuments(fs.readFileSync(f, 'utf8')) as any[]) {
      const o = doc.toJS();
      const v = r.validate(o);
      console.log(f, o.kind, v.length ? JSON.stringify(v, null, 1) : 'OK');
    }
  }
})();
