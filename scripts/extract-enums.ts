/**
 * Extracts enum facts from the upstream Go API types into lib/validate/schema/enums/<project>/<version>.json,
 * with lib/validate/schema/enums/provenance.json naming every Go file read (repository, tag, path, SHA-256):
 *
 * - Kubernetes: the `k8s.io/api` packages (repository kubernetes/api) of every group-version the release's schema
 *   data defines, at the newest `v0.<minor>.<patch>` tag of each Kubernetes minor: string types marked
 *   `// +enum` and their typed constants, and the struct fields of those types;
 * - Argo Workflows: `pkg/apis/workflow/v1alpha1` at each release's tag: `+kubebuilder:validation:Enum` markers on
 *   types and fields, and string types with typed constants; fields of Kubernetes `+enum` types (read from the
 *   `k8s.io/api` version Argo's go.mod pins) and inlined Kubernetes structs are recorded by name, so the selected
 *   Kubernetes release supplies their values.
 *
 * The Go files are read as text (scripts/go-api-types.ts); nothing is compiled or run. Development time only,
 * never in CI. Run it after adding a release to lib/validate/schema/upstream-versions.ts, then
 * `npx jest test/validate/schema`, and commit the data with provenance.json:
 *
 *   npx tsx scripts/extract-enums.ts --git kubernetes/api=/src/api/.git --git argoproj/argo-workflows=/src/argo/.git
 *   npx tsx scripts/extract-enums.ts kubernetes --git kubernetes/api=/src/api/.git
 *
 * Without `--git` for a repository, files come from GitHub (needs the internet).
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import {
  DefinitionEnums, ENUM_PROVENANCE_FILE, EnumFact, EnumFile, enumFileName, EnumProvenanceEntry, ENUMS_DIR, EnumSource,
} from '../lib/validate/schema/enum-data';
import { UPSTREAM_DIR } from '../lib/validate/schema/provenance';
import { releaseFolder, SchemaProject, UPSTREAM_PROJECTS, UpstreamRelease } from '../lib/validate/schema/upstream-versions';
import { constantValues, GoField, GoPackage, newGoPackage, readGoFile, typedConstants } from './go-api-types';
import { addGitDir, gitTags, keptProvenance, upstreamTree, UpstreamTree, writeProvenance } from './upstream-files';

const KUBERNETES_API = 'kubernetes/api';
const ARGO_PACKAGE = 'pkg/apis/workflow/v1alpha1';
const ARGO_PREFIX = 'io.argoproj.workflow.v1alpha1';
/** Generated and test files declare no API types. */
const SKIPPED_GO = /(_test\.go|^zz_generated\..*|^generated\..*|_generated\.go)$/;
const PROJECTS = [SchemaProject.KUBERNETES, SchemaProject.ARGO_WORKFLOWS] as const;

interface Options {
  readonly projects: readonly SchemaProject[];
  readonly gitDirs: ReadonlyMap<string, string>;
}

/** Go packages read from one repository at one ref, and the files read. */
class GoSource {
  readonly sources: EnumSource[] = [];
  private readonly packages = new Map<string, GoPackage>();
  private readonly tree: UpstreamTree;

  constructor(readonly repository: string, readonly ref: string, gitDir: string | undefined) {
    this.tree = upstreamTree(repository, ref, gitDir);
  }

  async file(file: string): Promise<string> {
    const bytes = await this.tree.read(file);
    this.sources.push({ repository: this.repository, ref: this.ref, path: file, sha256: sha256(bytes) });
    return bytes.toString('utf8');
  }

  /** The package in `dir`, read once (every non-generated, non-test .go file). */
  async package(dir: string): Promise<GoPackage> {
    let pkg = this.packages.get(dir);
    if (!pkg) {
      pkg = newGoPackage();
      for (const file of await this.tree.list(dir)) {
        if (!file.endsWith('.go') || SKIPPED_GO.test(path.basename(file))) continue;
        readGoFile(pkg, file, await this.file(file));
      }
      this.packages.set(dir, pkg);
    }
    return pkg;
  }
}

async function main(argv: readonly string[]): Promise<void> {
  const options = parseArgs(argv);
  const provenancePath = path.join(ENUMS_DIR, ENUM_PROVENANCE_FILE);
  const entries = keptProvenance<EnumProvenanceEntry>(provenancePath, options.projects);
  for (const project of options.projects) {
    fs.rmSync(path.join(ENUMS_DIR, project), { recursive: true, force: true });
    for (const release of UPSTREAM_PROJECTS[project].releases) {
      const { data, source } = project === SchemaProject.KUBERNETES
        ? await kubernetesRelease(release, options)
        : await argoRelease(release, options);
      const file = enumFileName(project, release.version);
      const text = `${JSON.stringify(data, null, 2)}\n`;
      fs.mkdirSync(path.dirname(path.join(ENUMS_DIR, file)), { recursive: true });
      fs.writeFileSync(path.join(ENUMS_DIR, file), text);
      const sources = [...source.sources].sort((a, b) => (`${a.repository} ${a.ref} ${a.path}` < `${b.repository} ${b.ref} ${b.path}` ? -1 : 1));
      entries.push({ file, project, version: release.version, repository: source.repository, ref: source.ref, sha256: sha256(Buffer.from(text)), sources });
      const fields = Object.values(data.definitions).reduce((n, d) => n + Object.keys(d.fields).length, 0);
      console.log(`${file}: ${Object.keys(data.enums).length} enums, ${fields} fields in ${Object.keys(data.definitions).length} definitions (${source.ref})`);
    }
  }
  writeProvenance(provenancePath, entries);
}

/** One Kubernetes release: the `k8s.io/api` packages of every group-version its schema data defines. */
async function kubernetesRelease(release: UpstreamRelease, options: Options): Promise<{ data: EnumFile; source: GoSource }> {
  const gitDir = options.gitDirs.get(KUBERNETES_API);
  const ref = await newestApiTag(release.version, gitDir);
  const source = new GoSource(KUBERNETES_API, ref, gitDir);
  const packages = new Map<string, GoPackage>();
  for (const dir of kubernetesPackageDirs(release)) packages.set(dir, await source.package(dir));
  // Packages they import from k8s.io/api (core/v1 from networking/v1, ...), for types used across groups.
  for (const pkg of [...packages.values()]) {
    for (const importPath of pkg.imports.values()) {
      const dir = apiPackageDir(importPath);
      if (dir && !packages.has(dir)) packages.set(dir, await source.package(dir));
    }
  }
  const enums: Record<string, EnumFact> = {};
  for (const [dir, pkg] of packages) {
    const constants = typedConstants(pkg, (alias, name) => {
      const other = apiPackageDir(pkg.imports.get(alias) ?? '');
      return other && packages.has(other) ? constantValues(packages.get(other)!).get(name) : undefined;
    });
    for (const [name, type] of pkg.stringTypes) {
      const values = constants.get(name);
      if (values && values.length > 0) enums[kubernetesName(dir, name)] = { values, marker: type.enumMarker ? '+enum' : 'constants', file: type.file };
    }
  }
  const definitions: Record<string, DefinitionEnums> = {};
  for (const [dir, pkg] of packages) {
    for (const struct of pkg.structs.keys()) {
      const fields: Record<string, string> = {};
      const embeds: string[] = [];
      collectFields(packages, dir, struct, kubernetesName(dir, struct), enums, fields, embeds, new Set());
      if (Object.keys(fields).length > 0) definitions[kubernetesName(dir, struct)] = { fields: sortKeys(fields) };
    }
  }
  return { data: { project: SchemaProject.KUBERNETES, version: release.version, definitions: sortKeys(definitions), enums: sortKeys(enums) }, source };
}

/** One Argo Workflows release: its v1alpha1 package, and which Kubernetes types it uses are `+enum` types. */
async function argoRelease(release: UpstreamRelease, options: Options): Promise<{ data: EnumFile; source: GoSource }> {
  const { repository } = UPSTREAM_PROJECTS[SchemaProject.ARGO_WORKFLOWS];
  const source = new GoSource(repository, release.ref, options.gitDirs.get(repository));
  const pkg = await source.package(ARGO_PACKAGE);
  const goMod = await source.file('go.mod');
  const apiVersion = /^\s*k8s\.io\/api (v\S+)/m.exec(goMod)?.[1];
  if (!apiVersion) throw new Error(`${repository}@${release.ref}: go.mod pins no k8s.io/api version`);
  // The Kubernetes types Argo's fields use, as of the k8s.io/api it builds with: which are `+enum` string types.
  const kubernetes = new GoSource(KUBERNETES_API, apiVersion, options.gitDirs.get(KUBERNETES_API));
  const kubernetesEnums = new Set<string>();
  const kubernetesStructs = new Set<string>();
  for (const importPath of new Set(pkg.imports.values())) {
    const dir = apiPackageDir(importPath);
    if (!dir) continue;
    const imported = await kubernetes.package(dir);
    const constants = typedConstants(imported);
    for (const name of imported.stringTypes.keys()) if (constants.has(name)) kubernetesEnums.add(kubernetesName(dir, name));
    for (const name of imported.structs.keys()) kubernetesStructs.add(kubernetesName(dir, name));
  }
  source.sources.push(...kubernetes.sources);

  const enums: Record<string, EnumFact> = {};
  const constants = typedConstants(pkg);
  for (const [name, type] of pkg.stringTypes) {
    const values = type.kubebuilderEnum ?? constants.get(name);
    if (values && values.length > 0) enums[`${ARGO_PREFIX}.${name}`] = { values, marker: type.kubebuilderEnum ? 'kubebuilder' : 'constants', file: type.file };
  }
  const definitions: Record<string, DefinitionEnums> = {};
  const packages = new Map([[ARGO_PACKAGE, pkg]]);
  for (const struct of pkg.structs.keys()) {
    const definition = `${ARGO_PREFIX}.${struct}`;
    const fields: Record<string, string> = {};
    const embeds: string[] = [];
    collectFields(packages, ARGO_PACKAGE, struct, definition, enums, fields, embeds, new Set(), (pkgPath, name) => {
      const dir = apiPackageDir(pkgPath);
      const qualified = dir ? kubernetesName(dir, name) : undefined;
      return qualified && kubernetesEnums.has(qualified) ? { enum: qualified } : qualified && kubernetesStructs.has(qualified) ? { struct: qualified } : undefined;
    });
    // A field-level marker names an enum of its own.
    for (const { field, file } of allFields(pkg, struct)) {
      if (field.kubebuilderEnum && field.json) {
        const name = `${definition}.${field.json}`;
        enums[name] = { values: field.kubebuilderEnum, marker: 'kubebuilder-field', file };
        fields[field.json] = name;
      }
    }
    if (Object.keys(fields).length > 0 || embeds.length > 0) {
      definitions[definition] = { fields: sortKeys(fields), ...(embeds.length > 0 ? { embeds: [...new Set(embeds)].sort() } : {}) };
    }
  }
  return { data: { project: SchemaProject.ARGO_WORKFLOWS, version: release.version, definitions: sortKeys(definitions), enums: sortKeys(enums) }, source };
}

/** What a type of another repository is, for Argo's fields of Kubernetes types. */
type Foreign = (importPath: string, name: string) => { enum: string } | { struct: string } | undefined;

/**
 * Adds the enum fields of `struct` (in package `dir`) to `fields`, following inlined embedded structs of the same
 * repository; inlined structs of another (Argo's `apiv1.Container`) go to `embeds`.
 */
function collectFields(
  packages: ReadonlyMap<string, GoPackage>, dir: string, struct: string, definition: string, enums: Readonly<Record<string, EnumFact>>,
  fields: Record<string, string>, embeds: string[], seen: Set<string>, foreign?: Foreign,
): void {
  const key = `${dir}.${struct}`;
  if (seen.has(key)) return;
  seen.add(key);
  const pkg = packages.get(dir)!;
  for (const field of pkg.structs.get(struct)?.fields ?? []) {
    const type = field.type;
    if (!type) continue;
    const importPath = type.pkg ? pkg.imports.get(type.pkg) : undefined;
    const typeDir = type.pkg ? (importPath ? apiPackageDir(importPath) ?? (importPath.endsWith(ARGO_PACKAGE) ? ARGO_PACKAGE : undefined) : undefined) : dir;
    const local = typeDir !== undefined && packages.has(typeDir);
    if (field.inline) {
      if (local && packages.get(typeDir!)!.structs.has(type.name)) {
        collectFields(packages, typeDir!, type.name, definition, enums, fields, embeds, seen, foreign);
      } else if (importPath && foreign) {
        const found = foreign(importPath, type.name);
        if (found && 'struct' in found) embeds.push(found.struct);
      }
      continue;
    }
    if (!field.json || field.kubebuilderEnum) continue;
    if (local) {
      const name = dir === ARGO_PACKAGE && typeDir === ARGO_PACKAGE ? `${ARGO_PREFIX}.${type.name}` : kubernetesName(typeDir!, type.name);
      if (enums[name]) fields[field.json] = name;
    } else if (importPath && foreign) {
      const found = foreign(importPath, type.name);
      if (found && 'enum' in found) fields[field.json] = found.enum;
    }
  }
}

/** Every field of a struct, inlined local structs included, with the file declaring it. */
function allFields(pkg: GoPackage, struct: string, seen = new Set<string>()): { field: GoField; file: string }[] {
  const found = pkg.structs.get(struct);
  if (!found || seen.has(struct)) return [];
  seen.add(struct);
  return found.fields.flatMap((field) => (field.inline && field.type && !field.type.pkg ? allFields(pkg, field.type.name, seen) : [{ field, file: found.file }]));
}

/** `k8s.io/api/core/v1` -> `core/v1`; other import paths -> undefined. */
function apiPackageDir(importPath: string): string | undefined {
  return /^k8s\.io\/api\/([a-z0-9]+\/v[a-z0-9]+)$/.exec(importPath)?.[1];
}

/** The OpenAPI definition name of a `k8s.io/api` type: `core/v1` + `Container` -> `io.k8s.api.core.v1.Container`. */
function kubernetesName(dir: string, name: string): string {
  return `io.k8s.api.${dir.replace('/', '.')}.${name}`;
}

/** The `k8s.io/api` package folders whose definitions a Kubernetes release's schema files hold. */
function kubernetesPackageDirs(release: UpstreamRelease): string[] {
  const folder = path.join(UPSTREAM_DIR, releaseFolder(SchemaProject.KUBERNETES, release));
  const dirs = new Set<string>();
  for (const file of fs.readdirSync(folder).filter((f) => f.endsWith('.json'))) {
    const schemas = (JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8')) as { components: { schemas: Record<string, unknown> } }).components.schemas;
    for (const name of Object.keys(schemas)) {
      const match = /^io\.k8s\.api\.([a-z0-9]+)\.(v[a-z0-9]+)\./.exec(name);
      if (match) dirs.add(`${match[1]}/${match[2]}`);
    }
  }
  return [...dirs].sort();
}

/** The newest `v0.<minor>.<patch>` tag of kubernetes/api for Kubernetes `1.<minor>`. */
async function newestApiTag(version: string, gitDir: string | undefined): Promise<string> {
  const minor = version.split('.')[1];
  const tags = gitDir ? gitTags(gitDir) : await githubTags(KUBERNETES_API);
  const patches = tags.map((t) => new RegExp(`^v0\\.${minor}\\.(\\d+)$`).exec(t)).filter((m) => m !== null).map((m) => Number(m[1]));
  if (patches.length === 0) throw new Error(`${KUBERNETES_API} has no v0.${minor}.N tag for Kubernetes ${version}`);
  return `v0.${minor}.${Math.max(...patches)}`;
}

async function githubTags(repository: string): Promise<string[]> {
  const tags: string[] = [];
  for (let page = 1; ; page++) {
    const url = `https://api.github.com/repos/${repository}/tags?per_page=100&page=${page}`;
    const res = await fetch(url, { headers: { Accept: 'application/vnd.github+json' } });
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
    const batch = (await res.json()) as { name: string }[];
    tags.push(...batch.map((t) => t.name));
    if (batch.length < 100) return tags;
  }
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function parseArgs(argv: readonly string[]): Options {
  const projects: SchemaProject[] = [];
  const gitDirs = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--git') {
      addGitDir(gitDirs, argv[++i]);
    } else if ((PROJECTS as readonly string[]).includes(arg)) {
      projects.push(arg as SchemaProject);
    } else {
      throw new Error(`unknown argument ${arg}; projects: ${PROJECTS.join(', ')}`);
    }
  }
  return { projects: projects.length > 0 ? projects : [...PROJECTS], gitDirs };
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
