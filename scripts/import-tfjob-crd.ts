/**
 * Refreshes imports/tfjob-crd.yaml and the classes generated from it (imports/kubeflow.org.ts). The CRD is the
 * Training Operator's `manifests/base/crds/kubeflow.org_tfjobs.yaml` byte for byte: a copy of the schema data of
 * the default training-operator release (lib/validate/schema/upstream/training-operator/<version>/, whose tag,
 * path and SHA-256 are in provenance.json there). Refresh that data first (scripts/refresh-schemas.ts), then:
 *
 *   npx tsx scripts/import-tfjob-crd.ts
 *
 * and commit imports/ with the rest. Works offline (`cdk8s import` reads the local file). test/training/
 * tfjob-crd.test.ts fails while imports/ and the data disagree.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { UPSTREAM_DIR } from '../lib/validate/schema/provenance';
import { releaseFolder, SchemaProject, UPSTREAM_PROJECTS } from '../lib/validate/schema/upstream-versions';

const ROOT = path.join(__dirname, '..');
/** The CRD `cdk8s import` reads, as cdk8s.yaml lists it. */
export const IMPORTED_CRD = 'imports/tfjob-crd.yaml';

/** The schema data file imports/tfjob-crd.yaml is a copy of, relative to lib/validate/schema/upstream/. */
export function tfJobCrdSource(): string {
  const project = UPSTREAM_PROJECTS[SchemaProject.TRAINING_OPERATOR];
  const release = project.releases.find((r) => r.version === project.defaultVersion)!;
  return `${releaseFolder(SchemaProject.TRAINING_OPERATOR, release)}/${path.basename(project.paths[0])}`;
}

/** Runs `cdk8s import` of the CRD into `outputDir` (relative to the repository), as imports/ is generated. */
export function generateClasses(outputDir: string): void {
  execFileSync('npx', ['cdk8s', 'import', IMPORTED_CRD, '--output', outputDir], { cwd: ROOT, stdio: 'pipe' });
}

function main(): void {
  fs.copyFileSync(path.join(UPSTREAM_DIR, tfJobCrdSource()), path.join(ROOT, IMPORTED_CRD));
  generateClasses('imports');
  console.log(`${IMPORTED_CRD} <- lib/validate/schema/upstream/${tfJobCrdSource()}; imports/kubeflow.org.ts regenerated`);
}

if (require.main === module) main();
