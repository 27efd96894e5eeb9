import type { ContainerStep } from '../dsl/container-step';

/** Where {@link useGcpSecret} mounts the service-account key. */
export const GCP_CREDENTIALS_MOUNT = '/secret/gcp-credentials';

/**
 * Gives a step GCP credentials the way KFP's `use_gcp_secret` does: the Secret (holding a service-account key file
 * `<secretName>.json`) mounted as a volume, and `GOOGLE_APPLICATION_CREDENTIALS` pointing at the key. The key never
 * appears in a manifest.
 *
 * @param secretName the Secret with the key file @default 'user-gcp-sa'
 * @example new TftPreprocess(pipeline, 'tft-eval', { ... }).apply(useGcpSecret());
 * @see https://www.kubeflow.org/docs/distributions/gke/pipelines/authentication-pipelines/
 */
export function useGcpSecret(secretName: string = 'user-gcp-sa'): (step: ContainerStep) => void {
  const keyFile = `${GCP_CREDENTIALS_MOUNT}/${secretName}.json`;
  return (step) => {
    step.addVolume({ name: secretName, secret: { secretName } });
    step.addVolumeMount({ name: secretName, mountPath: GCP_CREDENTIALS_MOUNT });
    step.addEnv('GOOGLE_APPLICATION_CREDENTIALS', keyFile);
    // gcloud reads its own variable; set both so CLI tools and client libraries authenticate alike.
    step.addEnv('CLOUDSDK_AUTH_CREDENTIAL_FILE_OVERRIDE', keyFile);
  };
}
