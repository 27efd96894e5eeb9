import type { EnvVarSource as IIoK8sApiCoreV1EnvVarSource } from 'kubernetes-types/core/v1';
import { anyOf, BOOLEAN, checkArguments, instanceOf, object, OptionalGuard, required, STRING } from '../guards';
import { SecretKey } from './secret-key';
import { Valued, Value, VALUE } from './value';

/**
 * An environment variable's value read at run time (`valueFrom`): a ConfigMap key, a field of the pod (downward
 * API), a container's resource, or any `EnvVarSource`. For Secret keys use {@link SecretKey}.
 *
 * @example env: { POD_NAME: EnvVarSource.field('metadata.name'), REGION: EnvVarSource.configMapKey('settings', 'region') }
 * @see https://kubernetes.io/docs/tasks/inject-data-application/environment-variable-expose-pod-information/
 */
export class EnvVarSource {
  /** A key of a ConfigMap in the pod's namespace. */
  static configMapKey(name: string, key: string, optional?: boolean): EnvVarSource {
    checkArguments('EnvVarSource.configMapKey', [['name', name, required(STRING)], ['key', key, required(STRING)], ['optional', optional, BOOLEAN]]);
    return new EnvVarSource({ configMapKeyRef: { name, key, ...(optional !== undefined && { optional }) } });
  }

  /** A field of the pod, e.g. `metadata.name`, `status.podIP`, `spec.nodeName`. */
  static field(fieldPath: string): EnvVarSource {
    checkArguments('EnvVarSource.field', [['fieldPath', fieldPath, required(STRING)]]);
    return new EnvVarSource({ fieldRef: { fieldPath } });
  }

  /** Any `valueFrom` source, for what the other factories do not cover. */
  static of(source: Valued<IIoK8sApiCoreV1EnvVarSource>): EnvVarSource {
    checkArguments('EnvVarSource.of', [['source', source, required(object('a Kubernetes EnvVarSource'))]]);
    return new EnvVarSource(source);
  }

  private constructor(public readonly source: Valued<IIoK8sApiCoreV1EnvVarSource>) {}
}

/** An environment variable's value: a literal, a reference, a Secret key, or another run-time source. */
export type EnvValue = Value | SecretKey | EnvVarSource;

/** True when the value is read at run time (`valueFrom`) rather than given (`value`). */
export function isEnvSource(value: EnvValue): value is SecretKey | EnvVarSource {
  return value instanceof SecretKey || value instanceof EnvVarSource;
}

/** Guards an {@link EnvValue}. */
export const ENV_VALUE: OptionalGuard = anyOf([VALUE, instanceOf(SecretKey, 'a SecretKey'), instanceOf(EnvVarSource, 'an EnvVarSource')],
  'a string, number or boolean, a parameter, output or fmt`...` string, SecretKey.of(secret, key) or an EnvVarSource');
