import type { CheckContext } from '../../check';
import { releaseAtLeast } from '../release-at-least';

/** True when the cluster runs Argo Workflows v4 or later and schemas are checked: the schema reports what v4 removed. */
export function removedInV4({ argoVersion, schemas }: Pick<CheckContext, 'argoVersion' | 'schemas'>): boolean {
  return schemas !== undefined && releaseAtLeast(argoVersion, '4.0') === true;
}
