import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { CRD_KINDS } from '../../../lib/validate/schema/builtin-schemas';
import { PROVENANCE_FILE, provenance, UPSTREAM_DIR } from '../../../lib/validate/schema/provenance';
import { releaseFolder, SchemaProject, UPSTREAM_PROJECTS } from '../../../lib/validate/schema/upstream-versions';

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.relative(UPSTREAM_DIR, path.join(dir, e.name))]);
}

test.each(provenance().map((e) => [e.file, e] as const))('%s is byte for byte the file its provenance names', (file, entry) => {
  const bytes = fs.readFileSync(path.join(UPSTREAM_DIR, file));
  expect(createHash('sha256').update(bytes).digest('hex')).toBe(entry.sha256);
  const project = UPSTREAM_PROJECTS[entry.project as SchemaProject];
  expect(entry.repository).toBe(project.repository);
  const release = project.releases.find((r) => file.startsWith(`${releaseFolder(entry.project as SchemaProject, r)}/`));
  expect(release?.ref).toBe(entry.ref);
  expect(path.basename(entry.path)).toBe(path.basename(file));
});

test('every data file has a provenance entry, and nothing else sits beside them', () => {
  const listed = provenance().map((e) => e.file).sort();
  expect(filesUnder(UPSTREAM_DIR).filter((f) => f !== PROVENANCE_FILE).sort()).toEqual(listed);
});

test.each(Object.values(SchemaProject).flatMap((p) => UPSTREAM_PROJECTS[p].releases.map((r) => [p, r.version] as const)))(
  '%s %s ships its files',
  (project, version) => {
    const files = provenance().filter((e) => e.file.startsWith(`${project}/${version}/`)).map((e) => e.path);
    const expected = project === SchemaProject.KUBERNETES
      ? ['api/openapi-spec/v3/api__v1_openapi.json', 'api/openapi-spec/v3/apis__apps__v1_openapi.json', 'api/openapi-spec/v3/apis__batch__v1_openapi.json']
      : UPSTREAM_PROJECTS[project].paths;
    expect(files).toEqual(expect.arrayContaining([...expected]));
  },
);

test.each(Object.values(SchemaProject).map((p) => [p, UPSTREAM_PROJECTS[p].defaultVersion] as const))('the default of %s (%s) is a shipped release', (project, version) => {
  expect(UPSTREAM_PROJECTS[project].releases.map((r) => r.version)).toContain(version);
});

test.each(CRD_KINDS.flatMap((k) => UPSTREAM_PROJECTS[k.project].releases.map((r) => [k.kind, r.version, k] as const)))(
  '%s of release %s is defined by the CRD file kfops reads it from',
  (_, version, k) => {
    const text = fs.readFileSync(path.join(UPSTREAM_DIR, k.project, version, k.file), 'utf8');
    const crds = parseAllDocuments(text).map((d) => d.toJS() as { spec: { group: string; names: { kind: string }; versions: { name: string }[] } });
    const apiVersions = crds.filter((c) => c.spec.names.kind === k.kind).flatMap((c) => c.spec.versions.map((v) => `${c.spec.group}/${v.name}`));
    expect(apiVersions).toContain(k.apiVersion);
  },
);
