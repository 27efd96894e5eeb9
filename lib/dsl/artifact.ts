import type { Artifact as IArtifact } from '../../imports/argo-workflows';
import { BOOLEAN, NUMBER, object, OptionalGuard, PropGuards, PropsGuard, shape } from '../guards';
import { IReferenceable, REFERENCE } from './reference';
import { TEXT, Valued } from './value';

/**
 * Where an artifact comes from or goes, and how (Argo `Artifact` without its name): a location (`s3`, `gcs`, `http`,
 * `git`, `raw`, `azure`, `hdfs`, `oss`, `artifactory`), a `path` in the container, `archive` and `artifactGC`
 * settings, `mode`, `optional`, `subPath`, `globalName`. `from` passes another step's output artifact (or this
 * template's input artifact) on.
 *
 * @example { path: '/tmp/data', s3: { key: fmt`runs/${WorkflowVariables.name}/data.tgz` } }
 * @see https://argo-workflows.readthedocs.io/en/latest/walk-through/artifacts/
 */
export type ArtifactFields = Valued<Omit<IArtifact, 'name' | 'from'>> & {
  /** Take the artifact from a step's output artifact or this template's input artifact. @default - its location */
  readonly from?: IReferenceable;
};

const LOCATION = (what: string) => object(`${what} artifact location`);

/** The guards of {@link ArtifactFields}: Argo's artifact fields, each by name, so a misspelt one is caught. */
const ARTIFACT_FIELDS_GUARDS: PropGuards<ArtifactFields> = {
  from: REFERENCE, path: TEXT, archive: object('an ArchiveStrategy ({ none: {} } or { tar: { compressionLevel } })'),
  archiveLogs: BOOLEAN, artifactGC: object('an ArtifactGC'), mode: NUMBER, optional: BOOLEAN, recurseMode: BOOLEAN, subPath: TEXT,
  globalName: TEXT, fromExpression: TEXT, deleted: BOOLEAN,
  s3: LOCATION('an S3'), gcs: LOCATION('a GCS'), http: LOCATION('an HTTP'), git: LOCATION('a Git'), raw: LOCATION('a raw'),
  azure: LOCATION('an Azure'), hdfs: LOCATION('an HDFS'), oss: LOCATION('an OSS'), artifactory: LOCATION('an Artifactory'),
  plugin: LOCATION('a plugin'),
};

/** Guards a prop that takes {@link ArtifactFields}. */
export const ARTIFACT_FIELDS: OptionalGuard = shape<ArtifactFields>('ArtifactFields', ARTIFACT_FIELDS_GUARDS);

/** Checks the fields of an {@link InputArtifact} or {@link OutputArtifact}. */
export const ARTIFACT_FIELDS_PROPS = new PropsGuard<ArtifactFields>('ArtifactFields', ARTIFACT_FIELDS_GUARDS);
