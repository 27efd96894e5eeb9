import { Check } from '../../check';
import { isRecord } from '../../object-index';
import { Violation, warning } from '../../violation';
import { argoSpecOf, templatesOf } from './argo-spec';

/** Singular synchronization fields Argo v3.6 deprecated (v4 dropped them), and their list replacements. */
const DEPRECATED = { mutex: 'mutexes', semaphore: 'semaphores' } as const;

/**
 * `synchronization.mutex` / `semaphore` (workflow- or template-level) still work on Argo v3.x, so the schema
 * accepts them; this warns before an upgrade to v4 breaks them.
 *
 * @see https://argo-workflows.readthedocs.io/en/latest/synchronization/
 */
export const checkDeprecatedSynchronization: Check = (object) => {
  const argo = argoSpecOf(object);
  if (!argo) return [];
  const places = [{ node: argo.spec.synchronization, path: `${argo.path}.synchronization` },
    ...templatesOf(argo.spec).map(({ template, index }) => ({ node: template.synchronization, path: `${argo.path}.templates[${index}].synchronization` }))];
  const violations: Violation[] = [];
  for (const { node, path } of places) {
    if (!isRecord(node)) continue;
    for (const [field, replacement] of Object.entries(DEPRECATED)) {
      if (node[field] === undefined) continue;
      violations.push(warning(`${path}.${field}`, 'argo/deprecated-field',
        `synchronization.${field} is deprecated since Argo Workflows v3.6 and removed in v4`,
        `use ${replacement}: [ ...the same ${field}... ]`));
    }
  }
  return violations;
};
