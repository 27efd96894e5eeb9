import type { Volume as IIoK8sApiCoreV1Volume } from 'kubernetes-types/core/v1';
import type { VolumeMount as IIoK8sApiCoreV1VolumeMount } from 'kubernetes-types/core/v1';
import { UserError } from '../user-error';

/**
 * The volumes of a pod and where its container mounts them, with the rules every pod-making construct shares
 * (container steps, TFJob replicas, TF-Serving): adding the same volume or mount again changes nothing, two
 * sources under one name are an error, and every mount needs its volume.
 */
export class PodVolumes {
  private readonly volumeList: IIoK8sApiCoreV1Volume[] = [];
  private readonly mountList: IIoK8sApiCoreV1VolumeMount[] = [];

  /** @param path construct path that prefixes errors */
  constructor(private readonly path: string) {}

  /** The volumes, in the order added. */
  get volumes(): readonly IIoK8sApiCoreV1Volume[] {
    return this.volumeList;
  }

  /** The mounts, in the order added. */
  get mounts(): readonly IIoK8sApiCoreV1VolumeMount[] {
    return this.mountList;
  }

  /** Adds a volume; one of the same name must be identical. */
  addVolume(volume: IIoK8sApiCoreV1Volume): void {
    const existing = this.volumeList.find((v) => v.name === volume.name);
    if (existing && JSON.stringify(existing) !== JSON.stringify(volume)) {
      throw new UserError(`[${this.path}] volume '${volume.name}' is added twice with different sources; give one a different name`);
    }
    if (!existing) this.volumeList.push(volume);
  }

  /** Adds a mount; the same volume at the same path again changes nothing. */
  addMount(mount: IIoK8sApiCoreV1VolumeMount): void {
    if (!this.mountList.some((m) => m.mountPath === mount.mountPath && m.name === mount.name)) this.mountList.push(mount);
  }

  /** Throws when a mount names no volume; called when the pod is rendered, once everything is added. */
  checkMounts(): void {
    const undeclared = this.mountList.find((m) => !this.volumeList.some((v) => v.name === m.name));
    if (undeclared) {
      throw new UserError(`[${this.path}] volume mount '${undeclared.name}' has no volume of that name; add it with volumes or addVolume()`);
    }
  }
}

/** Throws unless `name` is a valid environment variable name for Kubernetes. */
export function checkEnvName(name: string, path: string): void {
  if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(name)) {
    throw new UserError(`[${path}] invalid environment variable name '${name}' (letters, digits, '_', '-', '.'; not starting with a digit)`);
  }
}
