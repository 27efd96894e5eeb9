import type { ArtifactGC as IArtifactGC } from '../../imports/argo-workflows';
import type { ArtifactRepositoryRef as IArtifactRepositoryRef } from '../../imports/argo-workflows';
import type { WorkflowSpec as IWorkflowSpec } from '../../imports/argo-workflows';
import type { PersistentVolumeClaim as IIoK8sApiCoreV1PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import type { LabelSelector as IIoK8sApimachineryPkgApisMetaV1LabelSelector } from 'kubernetes-types/meta/v1';
import { Duration } from 'cdk8s';
import { anyOf, BOOLEAN, DURATION, enumOf, object, OptionalGuard, recordOf, shape, STRING } from '../guards';
import { Valued, Value, VALUE } from './value';

/**
 * The kind of Argo object a pipeline is.
 * @see https://argo-workflows.readthedocs.io/en/latest/workflow-concepts/
 */
export enum WorkflowKind {
  /** A template runs are created from (by hand, on a schedule, on sync): kfops' default. */
  WORKFLOW_TEMPLATE = 'WorkflowTemplate',
  /** A cluster-wide template, usable from every namespace. */
  CLUSTER_WORKFLOW_TEMPLATE = 'ClusterWorkflowTemplate',
  /** A run itself: applying it starts it. */
  WORKFLOW = 'Workflow',
  /** A run on a schedule, with the workflow inline (see `cron`). */
  CRON_WORKFLOW = 'CronWorkflow',
}

/**
 * When Argo deletes a run's pods.
 * @see https://argo-workflows.readthedocs.io/en/latest/fields/#podgc
 */
export enum PodGcStrategy {
  ON_POD_COMPLETION = 'OnPodCompletion',
  ON_POD_SUCCESS = 'OnPodSuccess',
  ON_WORKFLOW_COMPLETION = 'OnWorkflowCompletion',
  ON_WORKFLOW_SUCCESS = 'OnWorkflowSuccess',
}

/** When and which of a run's pods Argo deletes (Argo `podGC`). */
export interface PodGc {
  /** When pods are deleted. @default - Argo's default (OnPodCompletion once a label selector or delay is set) */
  readonly strategy?: PodGcStrategy;
  /** Only pods with these labels. @default - every pod */
  readonly labelSelector?: IIoK8sApimachineryPkgApisMetaV1LabelSelector;
  /** Wait this long before deleting (time to read logs). @default - at once */
  readonly deleteDelay?: Duration;
}

/** How long finished runs are kept before Argo deletes them (Argo `ttlStrategy`). */
export interface Ttl {
  /** After the run completes, whatever its outcome. @default - kept */
  readonly afterCompletion?: Duration;
  /** After the run succeeds. @default - kept */
  readonly afterSuccess?: Duration;
  /** After the run fails. @default - kept */
  readonly afterFailure?: Duration;
}

/** A run of the pipeline: a Workflow with `workflowTemplateRef`. */
export interface Run {
  /**
   * Run on every Argo CD sync: an Argo CD PostSync hook, the Workflow `<pipeline>-on-sync`, creates the run (a
   * Workflow named `<pipeline>-<random>` by the API server, so `{{workflow.name}}` and the run's folders are new
   * each time), owns it and waits for it, so the sync reports the run's outcome and stays open until it ends. The
   * next sync deletes the previous hook, and with it its run (`BeforeHookCreation`). The hook has a fixed name
   * because kustomize, which Argo CD renders `dist/<env>/` with, rejects objects without `metadata.name`. When
   * false, the Workflow has `generateName: <pipeline>-` for ad-hoc runs with `kubectl create -f`. @default true
   */
  readonly onSync?: boolean;
  /**
   * The service account the on-sync hook runs as: it creates Workflows, so it should not be the account every step
   * pod runs as (environments give it `kfops-on-sync`); the run itself runs as the pipeline's.
   * @default - the pipeline's `serviceAccountName`
   */
  readonly serviceAccountName?: string;
}

/** Labels and annotations of every pod of the run (Argo `podMetadata`). */
export interface PodMetadata {
  /** @default - none */
  readonly labels?: Readonly<Record<string, Value>>;
  /** @default - none */
  readonly annotations?: Readonly<Record<string, Value>>;
}

/** A PersistentVolumeClaim created for each run and mounted by name (Argo `volumeClaimTemplates`). */
export type VolumeClaimTemplate = Valued<Omit<IIoK8sApiCoreV1PersistentVolumeClaim, 'apiVersion' | 'kind'>>
  & Partial<Pick<IIoK8sApiCoreV1PersistentVolumeClaim, 'apiVersion' | 'kind'>>;

/** Where the run's artifacts go: a key of an artifact-repositories ConfigMap (Argo `artifactRepositoryRef`). */
export type ArtifactRepositoryRef = IArtifactRepositoryRef;

/** When the run's artifacts are deleted (Argo `artifactGC`). */
export type ArtifactGc = Valued<IArtifactGC>;

/**
 * Workflow spec fields kfops has no prop for yet (the escape hatch): fields of the Argo model are typed, newer ones
 * taken as they are; `kfops validate` checks them all.
 */
export type WorkflowSpecFields = Valued<Partial<IWorkflowSpec>> & { readonly [field: string]: unknown };

const POD_GC_STRATEGY = enumOf(PodGcStrategy, 'PodGcStrategy');

/** Guards a pipeline's `podGc`: a strategy, or a {@link PodGc}. */
export const POD_GC: OptionalGuard = anyOf([POD_GC_STRATEGY,
  shape<PodGc>('PodGc', { strategy: POD_GC_STRATEGY, labelSelector: object('a label selector'), deleteDelay: DURATION })]);
/** Guards a {@link Ttl}. */
export const TTL: OptionalGuard = shape<Ttl>('Ttl', { afterCompletion: DURATION, afterSuccess: DURATION, afterFailure: DURATION });
/** Guards a {@link Run}. */
export const RUN: OptionalGuard = shape<Run>('Run', { onSync: BOOLEAN, serviceAccountName: STRING });
/** Guards {@link PodMetadata}. */
export const POD_METADATA: OptionalGuard = shape<PodMetadata>('PodMetadata', { labels: recordOf(VALUE), annotations: recordOf(VALUE) });
