import type { Volume as IIoK8sApiCoreV1Volume } from 'kubernetes-types/core/v1';
import * as k from '../../imports/kubeflow.org';

type TfJobVolume = k.TfJobSpecTfReplicaSpecsTemplateSpecVolumes;

/**
 * Kubernetes field names of volume sources that the generated TFJob classes spell otherwise: `cdk8s import`
 * camel-cases acronyms, and the classes' toJson writes the Kubernetes names back.
 */
const RENAMED: Readonly<Record<string, string>> = {
  downwardAPI: 'downwardApi', scaleIO: 'scaleIo', datasetUUID: 'datasetUuid', diskURI: 'diskUri', pdID: 'pdId',
  storagePolicyID: 'storagePolicyId', targetWWNs: 'targetWwNs', volumeID: 'volumeId',
};
type Quantity = { readonly value: string | number };
/** Quantity fields, which the generated classes wrap (toJson writes their `value`). */
const QUANTITY: Readonly<Record<string, (value: string) => Quantity>> = {
  sizeLimit: k.TfJobSpecTfReplicaSpecsTemplateSpecVolumesEmptyDirSizeLimit.fromString,
  divisor: k.TfJobSpecTfReplicaSpecsTemplateSpecVolumesDownwardApiItemsResourceFieldRefDivisor.fromString,
};
/** Maps of quantities: an ephemeral volume's claim `resources`. */
const QUANTITY_MAPS: Readonly<Record<string, (value: string) => Quantity>> = {
  limits: k.TfJobSpecTfReplicaSpecsTemplateSpecVolumesEphemeralVolumeClaimTemplateSpecResourcesLimits.fromString,
  requests: k.TfJobSpecTfReplicaSpecsTemplateSpecVolumesEphemeralVolumeClaimTemplateSpecResourcesRequests.fromString,
};
/** Maps whose keys are the user's (CSI attributes, flexVolume options, labels), copied as they are. */
const USER_KEYS = new Set(['volumeAttributes', 'options', 'labels', 'annotations', 'matchLabels']);

/**
 * A Kubernetes volume (any source: nfs, csi, ephemeral, projected, ...) as the generated TFJob classes take it.
 * {@link tfJobVolumeProblem} says whether it survives their toJson unchanged.
 */
export function toTfJobVolume(volume: IIoK8sApiCoreV1Volume): TfJobVolume {
  return convert(volume) as TfJobVolume;
}

function convert(value: unknown, field?: string): unknown {
  if (Array.isArray(value)) return value.map((v) => convert(v));
  if (typeof value !== 'object' || value === null) return field !== undefined && QUANTITY[field] ? QUANTITY[field](String(value)) : value;
  if (field !== undefined && USER_KEYS.has(field)) return { ...value };
  if (field !== undefined && QUANTITY_MAPS[field]) {
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, QUANTITY_MAPS[field](String(v))]));
  }
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([key, v]) => [RENAMED[key] ?? key, convert(v, key)]));
}

/**
 * The first field of `volume` that a TFJob pod would not get as written, e.g. `nfs.foo`: one the Training
 * Operator's CRD (the generated classes) does not know, which their toJson would drop. Undefined when it comes
 * through whole.
 */
export function tfJobVolumeProblem(volume: IIoK8sApiCoreV1Volume): string | undefined {
  return firstDifference(volume, k.toJson_TfJobSpecTfReplicaSpecsTemplateSpecVolumes(toTfJobVolume(volume)), '');
}

function firstDifference(given: unknown, written: unknown, at: string): string | undefined {
  if (Array.isArray(given)) {
    if (!Array.isArray(written) || written.length !== given.length) return at;
    for (let i = 0; i < given.length; i++) {
      const found = firstDifference(given[i], written[i], `${at}[${i}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (typeof given === 'object' && given !== null) {
    if (typeof written !== 'object' || written === null) return at;
    for (const [key, v] of Object.entries(given)) {
      if (v === undefined) continue;
      const found = firstDifference(v, (written as Record<string, unknown>)[key], at ? `${at}.${key}` : key);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  return String(given) === String(written) ? undefined : at;
}
