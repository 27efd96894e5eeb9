import { isRecord } from '../../object-index';
import { Violation, warning } from '../../violation';
import { WorkflowModel } from './workflow-model';

/** Singular synchronization fields Argo v3.6 deprecated (v4 dropped them), and their list replacements. */
const DEPRECATED = { mutex: 'mutexes', semaphore: 'semaphores' } as const;

/**
 * `synchronization.mutex` / `semaphore` (workflow- or template-level) still work on Argo v3.x, so the schema
 * accepts them; this warns before an upgrade to v4 breaks them. On v4, whose schema has no such fields, the schema
 * reports them (as unknown fields), so nothing is said here.
 *
 * @param removed true when the cluster's Argo Workflows has removed them and the schema is checked
 * @see https://argo-workflows.readthedocs.io/en/latest/synchronization/
 */
export function deprecatedSynchronization(model: WorkflowModel, removed: boolean): Violation[] {
  if (removed) return [];
  const violations: Violation[] = [];
  report(model.spec.synchronization, model.path, violations);
  for (const { template, path } of model.templates) report(template.synchronization, path, violations);
  return violations;
}

/** Warns of each deprecated field of `node`, the `synchronization` of what is at `owner`. */
function report(node: unknown, owner: string, violations: Violation[]): void {
  // Most templates have no synchronization: their paths are not built.
  if (!isRecord(node)) return;
  for (const [field, replacement] of Object.entries(DEPRECATED)) {
    if (node[field] === undefined) continue;
    violations.push(warning(`${owner}.synchronization.${field}`, 'argo/deprecated-field',
      `synchronization.${field} is deprecated since Argo Workflows v3.6 and removed in v4`,
      `use ${replacement}: [ ...the same ${field}... ]`));
  }
}
