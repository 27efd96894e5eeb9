import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { provenance, UPSTREAM_DIR } from '../../lib/validate/schema/provenance';
import { generateClasses, IMPORTED_CRD, tfJobCrdSource } from '../../scripts/import-tfjob-crd';
import { ROOT } from './tfjob-validation';

const REFRESH = 'run `npx tsx scripts/import-tfjob-crd.ts`';

describe('imports/: the TFJob CRD cdk8s import reads, and what it generates', () => {
  test('the CRD is the Training Operator\'s file unchanged: the default release\'s schema data, as provenance.json names it', () => {
    const bytes = fs.readFileSync(path.join(ROOT, IMPORTED_CRD));
    const source = tfJobCrdSource();
    expect(source).toBe('training-operator/1.9/kubeflow.org_tfjobs.yaml');
    expect({ same: bytes.equals(fs.readFileSync(path.join(UPSTREAM_DIR, source))), refresh: REFRESH }).toEqual({ same: true, refresh: REFRESH });
    expect(provenance().find((e) => e.file === source)).toMatchObject({
      repository: 'kubeflow/training-operator', ref: 'v1.9.0', path: 'manifests/base/crds/kubeflow.org_tfjobs.yaml',
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
  });

  test('imports/kubeflow.org.ts is what cdk8s import generates from it, never edited by hand', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-import-'));
    try {
      generateClasses(out);
      const same = fs.readFileSync(path.join(out, 'kubeflow.org.ts')).equals(fs.readFileSync(path.join(ROOT, 'imports/kubeflow.org.ts')));
      expect({ same, refresh: REFRESH }).toEqual({ same: true, refresh: REFRESH });
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});
