import { UserError } from '../../user-error';

/** The upstream projects whose published schemas kfops validates against. */
export enum SchemaProject {
  KUBERNETES = 'kubernetes',
  ARGO_WORKFLOWS = 'argo-workflows',
  ARGO_CD = 'argo-cd',
  TRAINING_OPERATOR = 'training-operator',
}

/** One release line kfops ships the schemas of. */
export interface UpstreamRelease {
  /** the version users select (`4.1`); any patch of that line (`v4.1.0`, `4.1.2`) selects it too */
  readonly version: string;
  /** the git tag (or, for Kubernetes, the release branch) the files were taken from */
  readonly ref: string;
}

/** Where a project publishes its schemas and which releases kfops ships. */
export interface UpstreamProject {
  /** GitHub `owner/name` */
  readonly repository: string;
  /** files kept, by their path in the repository; Kubernetes' are listed at refresh time (see `scripts/`) */
  readonly paths: readonly string[];
  /** oldest first */
  readonly releases: readonly UpstreamRelease[];
  /** the release validated against unless a flag or the project says otherwise */
  readonly defaultVersion: string;
  /** the command-line flag that selects a release */
  readonly flag: string;
  /** the KfopsValidation property (cdk8s.yaml) that selects a release */
  readonly setting: keyof SchemaVersions;
}

/** The release of each project to validate against, by {@link SchemaProject}. */
export interface SchemaVersions {
  /** Kubernetes minor version (`1.33`) @default '1.33' */
  readonly kubernetesVersion: string;
  /** Argo Workflows release (`3.6`) @default '3.6' */
  readonly argoVersion: string;
  /** Argo CD release (`3.4`) @default '3.4' */
  readonly argoCdVersion: string;
  /** Kubeflow Training Operator release (`1.9`) @default '1.9' */
  readonly trainingOperatorVersion: string;
}

/**
 * The releases kfops ships schemas of. Defaults are the oldest release the cluster requirements allow (Argo
 * Workflows "v3.6 or newer", ...): what validates against it runs on every cluster that meets them, and newer
 * fields are reported until the project selects a newer release.
 *
 * Kubernetes files come from the release branch: the OpenAPI files of a branch are what its patch tags carry.
 */
export const UPSTREAM_PROJECTS: Readonly<Record<SchemaProject, UpstreamProject>> = {
  [SchemaProject.KUBERNETES]: {
    repository: 'kubernetes/kubernetes',
    paths: [],
    releases: [
      { version: '1.33', ref: 'release-1.33' },
      { version: '1.34', ref: 'release-1.34' },
      { version: '1.35', ref: 'release-1.35' },
    ],
    defaultVersion: '1.33',
    flag: '--kubernetes-version',
    setting: 'kubernetesVersion',
  },
  [SchemaProject.ARGO_WORKFLOWS]: {
    repository: 'argoproj/argo-workflows',
    paths: ['api/jsonschema/schema.json'],
    releases: [
      { version: '3.6', ref: 'v3.6.19' },
      { version: '3.7', ref: 'v3.7.18' },
      { version: '4.0', ref: 'v4.0.10' },
      { version: '4.1', ref: 'v4.1.2' },
    ],
    defaultVersion: '3.6',
    flag: '--argo-version',
    setting: 'argoVersion',
  },
  [SchemaProject.ARGO_CD]: {
    repository: 'argoproj/argo-cd',
    paths: ['manifests/crds/application-crd.yaml', 'manifests/crds/applicationset-crd.yaml', 'manifests/crds/appproject-crd.yaml'],
    releases: [
      { version: '3.4', ref: 'v3.4.7' },
      { version: '3.5', ref: 'v3.5.1' },
    ],
    defaultVersion: '3.4',
    flag: '--argo-cd-version',
    setting: 'argoCdVersion',
  },
  [SchemaProject.TRAINING_OPERATOR]: {
    repository: 'kubeflow/training-operator',
    paths: ['manifests/base/crds/kubeflow.org_tfjobs.yaml'],
    releases: [
      { version: '1.8', ref: 'v1.8.1' },
      { version: '1.9', ref: 'v1.9.0' },
    ],
    defaultVersion: '1.9',
    flag: '--training-operator-version',
    setting: 'trainingOperatorVersion',
  },
};

/** A version as given (`v4.1.2`, `4.1`, ...), and where it was given, for the error message. */
export interface GivenVersion {
  readonly value: unknown;
  /** `--argo-version` or `cdk8s.yaml: argoVersion` */
  readonly source: string;
}

/**
 * The shipped release a given version selects: `4.1`, `v4.1` and any `4.1.x` select the 4.1 line.
 *
 * @throws UserError (exit code 2) naming the source and listing the supported versions when none matches
 */
export function selectRelease(project: SchemaProject, given: GivenVersion): UpstreamRelease {
  const { releases } = UPSTREAM_PROJECTS[project];
  const match = typeof given.value === 'string' ? /^v?(\d+\.\d+)(?:\.\d+)?$/.exec(given.value.trim()) : null;
  const release = match ? releases.find((r) => r.version === match[1]) : undefined;
  if (!release) {
    throw new UserError(
      `${given.source}: ${project} ${JSON.stringify(given.value)} is not a version kfops has schemas for; ` +
        `use one of ${releases.map((r) => r.version).join(', ')}`,
      2,
    );
  }
  return release;
}

/** The folder under `upstream/` that holds one release's files: `argo-workflows/4.1`. */
export function releaseFolder(project: SchemaProject, release: UpstreamRelease): string {
  return `${project}/${release.version}`;
}
