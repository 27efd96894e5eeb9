import type { PodOption } from '../dsl/pod-builder';
import { checkArguments, STRING } from '../guards';

/** Where {@link useGcpSecret} mounts the service-account key. */
export const GCP_CREDENTIALS_MOUNT = '/secret/gcp-credentials';

/**
 * Gives a step GCP credentials the way KFP's `use_gcp_secret` does: the Secret (holding a service-account key file
 * `<secretName>.json`) mounted as a volume, and `GOOGLE_APPLICATION_CREDENTIALS` pointing at the key. The key never
 * appears in a manifest. A pod option: it works on every construct that makes a pod (container and script steps and
 * templates, TFJobs, TF-Serving), through their `apply()`.
 *
 * @param secretName the Secret with the key file @default 'user-gcp-sa'
 * @example new TftPreprocess(pipeline, 'tft-eval', { ... }).apply(useGcpSecret());
 * @see https://www.kubeflow.org/docs/distributions/gke/pipelines/authentication-pipelines/
 */
export function useGcpSecret(secretName: string = 'user-gcp-sa'): PodOption {
  checkArguments('useGcpSecret', [['secretName', secretName, STRING]]);
  const keyFile = `${GCP_CREDENTIALS_MOUNT}/${secretName}.json`;
  return (pod) => {
    pod.addVolume({ name: secretName, secret: { secretName } });
    pod.addVolumeMount({ name: secretName, mountPath: GCP_CREDENTIALS_MOUNT });
    pod.addEnv('GOOGLE_APPLICATION_CREDENTIALS', keyFile);
    // gcloud reads its own variable; set both so CLI tools and client libraries authenticate alike.
    pod.addEnv('CLOUDSDK_AUTH_CREDENTIAL_FILE_OVERRIDE', keyFile);
  };
}
