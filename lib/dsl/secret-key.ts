import { BOOLEAN, checkArguments, required, STRING } from '../guards';

/**
 * An environment variable value read from a key of a Kubernetes Secret at run time (`valueFrom.secretKeyRef`),
 * so credentials never appear in manifests.
 *
 * @example env: { DB_PASSWORD: SecretKey.of('db', 'password') }
 */
export class SecretKey {
  /**
   * @param secretName the Secret's name, in the run's namespace
   * @param key the key within the Secret's data
   * @param optional whether the pod may start when the key is missing @default false
   */
  static of(secretName: string, key: string, optional?: boolean): SecretKey {
    checkArguments('SecretKey.of', [['secretName', secretName, required(STRING)], ['key', key, required(STRING)], ['optional', optional, BOOLEAN]]);
    return new SecretKey(secretName, key, optional);
  }

  private constructor(public readonly secretName: string, public readonly key: string, public readonly optional?: boolean) {}
}
