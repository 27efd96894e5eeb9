/**
 * Refreshes the upstream schema files kfops validates against (lib/validate/schema/upstream/) and their
 * provenance.json, for the releases listed in lib/validate/schema/upstream-versions.ts. Files are written
 * byte for byte as upstream publishes them; only the folder layout is kfops'.
 *
 * Needs the internet (raw.githubusercontent.com, api.github.com); never run in CI. To add a release, add it to
 * UPSTREAM_PROJECTS, run this, run `npx jest test/validate/schema`, and commit the data with provenance.json.
 *
 *   npx tsx scripts/refresh-schemas.ts                          # every project
 *   npx tsx scripts/refresh-schemas.ts argo-workflows argo-cd   # some
 *   npx tsx scripts/refresh-schemas.ts --git argoproj/argo-cd=/src/argo-cd/.git   # read tags from a local clone
 *   npx tsx scripts/refresh-schemas.ts kubernetes --kubectl-validate /src/kubectl-validate/.git
 *
 * `--kubectl-validate` takes Kubernetes' files from a clone of kubernetes-sigs/kubectl-validate, which keeps
 * them unchanged (pkg/openapiclient/builtins/<minor>/) as downloaded from the release branch; provenance then
 * names that copy too.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { PROVENANCE_FILE, ProvenanceEntry, UPSTREAM_DIR } from '../lib/validate/schema/provenance';
import { releaseFolder, SchemaProject, UPSTREAM_PROJECTS, UpstreamRelease } from '../lib/validate/schema/upstream-versions';
import { addGitDir, download, gitCommit, githubList, gitList, gitShow, keptProvenance, writeProvenance } from './upstream-files';

/** Kubernetes' OpenAPI v3 files of GA group-versions (`api__v1`, `apis__apps__v1`); alpha and beta APIs are off by default. */
const KUBERNETES_GA_FILE = /^(api__v\d+|apis__[^_]+(?:_[^_]+)*__v\d+)_openapi\.json$/;
const KUBERNETES_DIR = 'api/openapi-spec/v3';

interface Options {
  readonly projects: SchemaProject[];
  /** local clones by `owner/name` */
  readonly gitDirs: ReadonlyMap<string, string>;
  readonly kubectlValidate?: string;
}

interface Fetched {
  readonly path: string;
  readonly bytes: Buffer;
  readonly via?: string;
}

async function main(argv: readonly string[]): Promise<void> {
  const options = parseArgs(argv);
  const provenancePath = path.join(UPSTREAM_DIR, PROVENANCE_FILE);
  const entries = keptProvenance<ProvenanceEntry>(provenancePath, options.projects);
  for (const project of options.projects) {
    fs.rmSync(path.join(UPSTREAM_DIR, project), { recursive: true, force: true });
    for (const release of UPSTREAM_PROJECTS[project].releases) {
      const files = await fetchRelease(project, release, options);
      const folder = releaseFolder(project, release);
      fs.mkdirSync(path.join(UPSTREAM_DIR, folder), { recursive: true });
      for (const file of files) {
        const local = `${folder}/${path.basename(file.path)}`;
        fs.writeFileSync(path.join(UPSTREAM_DIR, local), file.bytes);
        entries.push({
          file: local,
          project,
          repository: UPSTREAM_PROJECTS[project].repository,
          ref: release.ref,
          path: file.path,
          sha256: createHash('sha256').update(file.bytes).digest('hex'),
          ...(file.via ? { via: file.via } : {}),
        });
        console.log(`${local}  ${file.bytes.length} bytes`);
      }
    }
  }
  writeProvenance(provenancePath, entries);
}

async function fetchRelease(project: SchemaProject, release: UpstreamRelease, options: Options): Promise<Fetched[]> {
  const { repository } = UPSTREAM_PROJECTS[project];
  if (project === SchemaProject.KUBERNETES && options.kubectlValidate) {
    return fromKubectlValidate(options.kubectlValidate, release.version);
  }
  const gitDir = options.gitDirs.get(repository);
  const paths = project === SchemaProject.KUBERNETES
    ? (gitDir ? gitList(gitDir, release.ref, KUBERNETES_DIR) : await githubList(repository, release.ref, KUBERNETES_DIR))
      .filter((p) => KUBERNETES_GA_FILE.test(path.basename(p)))
    : UPSTREAM_PROJECTS[project].paths;
  const files: Fetched[] = [];
  for (const p of paths) {
    files.push({ path: p, bytes: gitDir ? gitShow(gitDir, release.ref, p) : await download(repository, release.ref, p) });
  }
  return files;
}

function fromKubectlValidate(gitDir: string, version: string): Fetched[] {
  const commit = gitCommit(gitDir, 'HEAD');
  const base = `pkg/openapiclient/builtins/${version}`;
  return gitList(gitDir, 'HEAD', base, true)
    .map((copy) => {
      // builtins/1.33/api/v1.json -> api__v1_openapi.json; builtins/1.33/apis/apps/v1.json -> apis__apps__v1_openapi.json
      const name = `${copy.slice(base.length + 1, -'.json'.length).split('/').join('__')}_openapi.json`;
      return { copy, name };
    })
    .filter(({ name }) => KUBERNETES_GA_FILE.test(name))
    .map(({ copy, name }) => ({
      path: `${KUBERNETES_DIR}/${name}`,
      bytes: gitShow(gitDir, 'HEAD', copy),
      via: `kubernetes-sigs/kubectl-validate@${commit}:${copy}`,
    }));
}

function parseArgs(argv: readonly string[]): Options {
  const projects: SchemaProject[] = [];
  const gitDirs = new Map<string, string>();
  let kubectlValidate: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--git') {
      addGitDir(gitDirs, argv[++i]);
    } else if (arg === '--kubectl-validate') {
      kubectlValidate = argv[++i];
    } else if ((Object.values(SchemaProject) as string[]).includes(arg)) {
      projects.push(arg as SchemaProject);
    } else {
      throw new Error(`unknown argument ${arg}; projects: ${Object.values(SchemaProject).join(', ')}`);
    }
  }
  return { projects: projects.length > 0 ? projects : Object.values(SchemaProject), gitDirs, kubectlValidate };
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
