import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { ARGO_CHECKED_AS_WRITTEN, ARGO_CLOSED_CONSTANTS, KUBERNETES_CLOSED_CONSTANTS } from '../../../lib/validate/schema/enum-corrections';
import { ENUM_PROVENANCE_FILE, EnumFile, enumFileName, EnumProvenanceEntry, ENUMS_DIR, readEnumFile } from '../../../lib/validate/schema/enum-data';
import { UPSTREAM_DIR } from '../../../lib/validate/schema/provenance';
import { SchemaProject, UPSTREAM_PROJECTS } from '../../../lib/validate/schema/upstream-versions';

const entries = (JSON.parse(fs.readFileSync(path.join(ENUMS_DIR, ENUM_PROVENANCE_FILE), 'utf8')) as { files: EnumProvenanceEntry[] }).files;
const RELEASES = [SchemaProject.KUBERNETES, SchemaProject.ARGO_WORKFLOWS].flatMap((p) => UPSTREAM_PROJECTS[p].releases.map((r) => [p, r] as const));

test('every Kubernetes and Argo Workflows release has an enum data file, and nothing else sits beside them', () => {
  const files = fs.readdirSync(ENUMS_DIR, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? fs.readdirSync(path.join(ENUMS_DIR, e.name)).map((f) => `${e.name}/${f}`) : []);
  expect(files.sort()).toEqual(RELEASES.map(([p, r]) => enumFileName(p, r.version)).sort());
  expect(entries.map((e) => e.file).sort()).toEqual(files.sort());
});

test.each(entries.map((e) => [e.file, e] as const))('%s is the file its provenance describes', (file, entry) => {
  const bytes = fs.readFileSync(path.join(ENUMS_DIR, file));
  expect(createHash('sha256').update(bytes).digest('hex')).toBe(entry.sha256);
  const data = JSON.parse(bytes.toString('utf8')) as EnumFile;
  expect([data.project, data.version]).toEqual([entry.project, entry.version]);
  if (entry.project === SchemaProject.KUBERNETES) {
    // k8s.io/api tags v0.<minor>.<patch> for Kubernetes 1.<minor>.
    expect(entry.repository).toBe('kubernetes/api');
    expect(entry.ref).toMatch(new RegExp(`^v0\\.${entry.version.split('.')[1]}\\.\\d+$`));
  } else {
    const project = UPSTREAM_PROJECTS[entry.project as SchemaProject];
    expect(entry.repository).toBe(project.repository);
    expect(entry.ref).toBe(project.releases.find((r) => r.version === entry.version)?.ref);
  }
  // Every enum names a Go file that was read, at the tag read, with its checksum.
  const read = entry.sources.filter((s) => s.repository === entry.repository && s.ref === entry.ref);
  for (const fact of Object.values(data.enums)) expect(read.map((s) => s.path)).toContain(fact.file);
  for (const source of entry.sources) expect(source.sha256).toMatch(/^[0-9a-f]{64}$/);
});

test.each(RELEASES.map(([p, r]) => [p, r.version] as const))('%s %s: every enum field is a string property of its definition in the published schema', (project, version) => {
  const data = readEnumFile(project, version)!;
  const definitions = publishedDefinitions(project, version);
  const kubernetes = readEnumFile(SchemaProject.KUBERNETES, '1.35')!;
  let checked = 0;
  for (const [name, { fields, embeds }] of Object.entries(data.definitions)) {
    const definition = definitions.get(name);
    if (!definition) continue; // Go types the release's schema does not publish (internal, or of other API groups)
    for (const field of Object.keys(fields)) {
      const property = definition.properties?.[field];
      expect({ name, field, type: property?.type === 'array' ? property.items?.type : property?.type }).toEqual({ name, field, type: 'string' });
      checked++;
    }
    for (const embedded of embeds ?? []) expect(kubernetes.definitions[embedded]).toBeDefined();
    // Every enum a field names is one the data (or, for Argo's Kubernetes fields, Kubernetes') declares.
    for (const enumName of Object.values(fields)) expect(data.enums[enumName] ?? kubernetes.enums[enumName]).toBeDefined();
  }
  expect(checked).toBeGreaterThan(project === SchemaProject.KUBERNETES ? 100 : 10);
});

test.each([
  ...Object.keys(KUBERNETES_CLOSED_CONSTANTS).map((name) => [name, SchemaProject.KUBERNETES] as const),
  ...Object.keys(ARGO_CLOSED_CONSTANTS).map((name) => [name, SchemaProject.ARGO_WORKFLOWS] as const),
])('the closed-set correction %s names an enum of typed constants in the data', (name, project) => {
  const releases = UPSTREAM_PROJECTS[project].releases.map((r) => readEnumFile(project, r.version)!);
  expect(releases.some((data) => data.enums[name]?.marker === 'constants')).toBe(true);
});

test.each([...ARGO_CHECKED_AS_WRITTEN].map((f) => [f]))('the as-written correction %s names an Argo enum field', (field) => {
  const [definition, name] = [field.slice(0, field.lastIndexOf('.')), field.slice(field.lastIndexOf('.') + 1)];
  for (const { version } of UPSTREAM_PROJECTS[SchemaProject.ARGO_WORKFLOWS].releases) {
    expect(readEnumFile(SchemaProject.ARGO_WORKFLOWS, version)!.definitions[definition]?.fields[name]).toBeDefined();
  }
});

interface Published {
  readonly type?: string;
  readonly properties?: Record<string, { type?: string; items?: { type?: string } }>;
}

function publishedDefinitions(project: SchemaProject, version: string): Map<string, Published> {
  const folder = path.join(UPSTREAM_DIR, project, version);
  const out = new Map<string, Published>();
  for (const file of fs.readdirSync(folder).filter((f) => f.endsWith('.json'))) {
    const json = JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8')) as { components?: { schemas: Record<string, Published> }; definitions?: Record<string, Published> };
    for (const [name, node] of Object.entries(json.components?.schemas ?? json.definitions ?? {})) out.set(name, node);
  }
  return out;
}
