import type { Artifact as IArtifact } from '../../imports/argo-workflows';
import { IReferenceable } from './reference';
import { Valued } from './value';

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
