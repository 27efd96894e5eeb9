import type { Volume as IIoK8sApiCoreV1Volume } from 'kubernetes-types/core/v1';
import type { VolumeMount as IIoK8sApiCoreV1VolumeMount } from 'kubernetes-types/core/v1';
import type { EnvValue } from '../dsl/container-step';

/** Where {@link useGcpSecret} mounts the service-account key. */
export const GCP_CREDENTIALS_MOUNT = '/secret/gcp-credentials';

/**
 * Anything whose pods take volumes, mounts and environment variables: container steps, TFJobs (standalone and as
 * steps), TF-Serving. Reusable options such as {@link useGcpSecret} configure it through these methods.
 */
export interface IPodConfigurable {
  /** Adds a volume to the pod. */
  addVolume(volume: IIoK8sApiCoreV1Volume): unknown;
  /** Mounts a volume into the main container. */
  addVolumeMount(mount: IIoK8sApiCoreV1VolumeMount): unknown;
  /** Sets an environment variable of the main container. */
  addEnv(name: string, value: EnvValue): unknown;
}

/**
 * Gives a step GCP credentials the way KFP's `use_gcp_secret` does: the Secret (holding a service-account key file
 * `<secretName>.json`) mounted as a volume, and `GOOGLE_APPLICATION_CREDENTIALS` pointing at the key. The key never
 * appears in a manifest. Works on anything {@link IPodConfigurable}: container steps, TFJobs, TF-Serving.
 *
 * @param secretName the Secret with the key file @default 'user-gcp-sa'
 * @example new TftPreprocess(pipeline, 'tft-eval', { ... }).apply(useGcpSecret());
 * @see https://www.kubeflow.org/docs/distributions/gke/pipelines/authentication-pipelines/
 */
export function useGcpSecret(secretName: string = 'user-gcp-sa'): (target: IPodConfigurable) => void {
  const keyFile = `${GCP_CREDENTIALS_MOUNT}/${secretName}.json`;
  return (target) => {
    target.addVolume({ name: secretName, secret: { secretName } });
    target.addVolumeMount({ name: secretName, mountPath: GCP_CREDENTIALS_MOUNT });
    target.addEnv('GOOGLE_APPLICATION_CREDENTIALS', keyFile);
    // gcloud reads its own variable; set both so CLI tools and client libraries authenticate alike.
    target.addEnv('CLOUDSDK_AUTH_CREDENTIAL_FILE_OVERRIDE', keyFile);
  };
}
