import { isRecord, KubeObject, metadataOf, records } from '../../object-index';
import { error, Violation } from '../../violation';
import { isGoDuration, scheduleProblems } from '../argo/cron-schedule';

/**
 * An AppProject as Argo CD validates it (`argocd proj create`, and the API server on every update): no `!*`
 * destinations or repositories, nothing listed twice, role names, policies and groups Argo CD's RBAC can read,
 * sync windows with a kind, a schedule, a duration and something to apply to, and destination service accounts
 * with a name and no negation.
 *
 * Argo CD: `AppProject.ValidateProject`, `validatePolicy`, `validateRoleName`, `validateGroupName`,
 * `SyncWindow.Validate`.
 */
export function projectRules(object: KubeObject): Violation[] {
  const spec = object.spec;
  if (!isRecord(spec)) return [];
  const project = String(metadataOf(object).name ?? '');
  return [
    ...destinationProblems(spec), ...uniqueStrings(spec.sourceNamespaces, 'spec.sourceNamespaces', 'source namespace', '', 'argocd/project-source'),
    ...uniqueStrings(spec.sourceRepos, 'spec.sourceRepos', 'source repository', '', 'argocd/project-source', denyAll('source repository')),
    ...roleProblems(spec, project), ...syncWindowProblems(spec), ...serviceAccountProblems(spec),
  ];
}

function destinationProblems(spec: Record<string, unknown>): Violation[] {
  const violations: Violation[] = [];
  const seen = new Set<string>();
  records(spec.destinations).forEach((d, i) => {
    const path = `spec.destinations[${i}]`;
    for (const field of ['name', 'server', 'namespace']) {
      if (d[field] === '!*') violations.push(error(`${path}.${field}`, 'argocd/project-destination', `destination ${field} "!*" denies everything, which Argo CD rejects`, 'drop the destination instead'));
    }
    const cluster = typeof d.server === 'string' && d.server !== '' ? d.server : String(d.name ?? '');
    const key = `${cluster}/${String(d.namespace ?? '')}`;
    if (seen.has(key)) violations.push(error(path, 'argocd/project-destination', `destination "${key}" is listed twice`, 'drop the repeat'));
    seen.add(key);
  });
  return violations;
}

/**
 * Each string of a list once (`where` names the list in messages), and each checked by `problem`, which returns
 * the violation for one value or undefined.
 */
function uniqueStrings(values: unknown, path: string, what: string, where: string, rule: string,
  problem: (value: string, at: string) => Violation | undefined = () => undefined): Violation[] {
  const violations: Violation[] = [];
  const seen = new Set<string>();
  (Array.isArray(values) ? values : []).forEach((value, i) => {
    if (typeof value !== 'string') return;
    const at = `${path}[${i}]`;
    if (seen.has(value)) violations.push(error(at, rule, `${what} "${value}" is listed twice${where}`, 'drop the repeat'));
    seen.add(value);
    const found = problem(value, at);
    if (found) violations.push(found);
  });
  return violations;
}

const denyAll = (what: string) => (value: string, at: string) =>
  (value === '!*' ? error(at, 'argocd/project-source', `${what} "!*" denies everything, which Argo CD rejects`, 'drop it') : undefined);

const ROLE_NAME = /^[a-zA-Z0-9]([-_a-zA-Z0-9]*[a-zA-Z0-9])?$/;
const RESOURCES = ['applications', 'applicationsets', 'repositories', 'clusters', 'exec', 'logs'];
const ACTIONS = ['get', 'create', 'update', 'delete', 'sync', 'override', 'rollback', '*'];

function roleProblems(spec: Record<string, unknown>, project: string): Violation[] {
  const violations: Violation[] = [];
  const names = new Set<string>();
  records(spec.roles).forEach((role, i) => {
    const path = `spec.roles[${i}]`;
    const name = typeof role.name === 'string' ? role.name : '';
    if (names.has(name)) violations.push(error(`${path}.name`, 'argocd/project-role', `role "${name}" is defined twice`, 'merge the two roles'));
    names.add(name);
    if (!ROLE_NAME.test(name)) {
      violations.push(error(`${path}.name`, 'argocd/project-role', `role name "${name}" must consist of letters, digits, '-' and '_', starting and ending with a letter or digit`, 'rename the role'));
    }
    violations.push(...uniqueStrings(role.policies, `${path}.policies`, 'policy', ` in role "${name}"`, 'argocd/project-role', (policy, at) => {
      const problem = policyProblem(policy, project, name);
      return problem && error(at, 'argocd/project-policy', `policy "${policy}" ${problem.message}`, problem.fix);
    }));
    violations.push(...uniqueStrings(role.groups, `${path}.groups`, 'group', ` in role "${name}"`, 'argocd/project-role', (group, at) => {
      const problem = groupProblem(group);
      return problem === undefined ? undefined
        : error(at, 'argocd/project-role', `group "${group}" ${problem}`, 'write the group name as the identity provider sends it; quote it if it holds a comma');
    }));
  });
  return violations;
}

/** Why a project role policy is not `p, proj:<project>:<role>, <resource>, <action>, <project>/<object>, allow|deny`. */
function policyProblem(policy: string, project: string, role: string): { message: string; fix: string } | undefined {
  const parts = policy.split(',').map((p) => p.trim());
  const subject = `proj:${project}:${role}`;
  const form = `p, ${subject}, applications, get, ${project}/*, allow`;
  if (parts.length !== 6 || parts[0] !== 'p') return { message: 'is not of the form "p, sub, res, act, obj, eft"', fix: `write e.g. "${form}"` };
  const [, sub, resource, action, target, effect] = parts;
  if (sub !== subject) return { message: `has subject "${sub}"; a role's policies must use "${subject}"`, fix: `use "${subject}" as the second field` };
  if (!RESOURCES.includes(resource)) return { message: `names resource "${resource}", which is not a project resource`, fix: `use one of: ${RESOURCES.join(', ')}` };
  if (!ACTIONS.includes(action) && !/^(action|update|delete)\//.test(action)) {
    return { message: `names action "${action}", which Argo CD does not know`, fix: `use one of: ${ACTIONS.join(', ')}, or action/<group>/<kind>/<name>` };
  }
  const objectPattern = new RegExp(`^${project.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(/[*\\w.-]+)?/[*\\w.-]+$`);
  if (!objectPattern.test(target)) return { message: `names object "${target}", which is not in project "${project}"`, fix: `use "${project}/*" or "${project}/<application>"` };
  if (effect !== 'allow' && effect !== 'deny') return { message: `has effect "${effect}"`, fix: 'use allow or deny' };
  return undefined;
}

function groupProblem(group: string): string | undefined {
  let name = group.trim();
  if (name.length > 1 && name.startsWith('"') && name.endsWith('"')) name = name.slice(1, -1);
  else if (name.includes(',')) return 'holds a comma and must be quoted';
  if (name === '') return 'is empty';
  return /["\n\r\t]/.test(name) ? 'holds a quote, tab or line break' : undefined;
}

function syncWindowProblems(spec: Record<string, unknown>): Violation[] {
  const violations: Violation[] = [];
  const seen = new Set<string>();
  records(spec.syncWindows).forEach((w, i) => {
    const path = `spec.syncWindows[${i}]`;
    const identity = JSON.stringify([w.kind, w.schedule, w.duration, w.applications, w.namespaces, w.clusters, w.timeZone ?? 'UTC', w.andOperator]);
    if (seen.has(identity)) violations.push(error(path, 'argocd/sync-window', 'this sync window repeats an earlier one', 'drop the repeat'));
    seen.add(identity);
    if (w.kind !== 'allow' && w.kind !== 'deny') violations.push(error(`${path}.kind`, 'argocd/sync-window', `sync window kind "${String(w.kind)}" is neither allow nor deny`, 'set kind: allow or kind: deny'));
    if (typeof w.schedule !== 'string' || w.schedule.trim().startsWith('@')) {
      violations.push(error(`${path}.schedule`, 'argocd/sync-window', `sync window schedule ${JSON.stringify(w.schedule)} is not a five-field cron expression`, 'write e.g. "0 22 * * *"'));
    } else {
      for (const v of scheduleProblems(w.schedule, `${path}.schedule`)) violations.push({ ...v, rule: 'argocd/sync-window' });
    }
    if (typeof w.duration !== 'string' || !isGoDuration(w.duration)) {
      violations.push(error(`${path}.duration`, 'argocd/sync-window', `sync window duration ${JSON.stringify(w.duration)} is not a duration`, 'write e.g. "1h" or "30m"'));
    }
    if (typeof w.description === 'string' && w.description.length > 255) {
      violations.push(error(`${path}.description`, 'argocd/sync-window', `the description is ${w.description.length} characters; Argo CD takes at most 255`, 'shorten it'));
    }
    const targets = ['applications', 'namespaces', 'clusters'].some((f) => Array.isArray(w[f]) && (w[f] as unknown[]).length > 0);
    if (!targets) violations.push(error(path, 'argocd/sync-window', 'the sync window applies to nothing', 'list applications, namespaces or clusters it applies to (e.g. applications: ["*"])'));
  });
  return violations;
}

function serviceAccountProblems(spec: Record<string, unknown>): Violation[] {
  const violations: Violation[] = [];
  const seen = new Set<string>();
  records(spec.destinationServiceAccounts).forEach((a, i) => {
    const path = `spec.destinationServiceAccounts[${i}]`;
    for (const field of ['server', 'namespace']) {
      if (typeof a[field] === 'string' && (a[field] as string).includes('!')) {
        violations.push(error(`${path}.${field}`, 'argocd/destination-service-account', `${field} "${String(a[field])}" uses "!", which destination service accounts do not take`, 'list the destinations it applies to'));
      }
    }
    const account = typeof a.defaultServiceAccount === 'string' ? a.defaultServiceAccount : '';
    if (account.trim() === '' || /[!*[\]{}\\/]/.test(account)) {
      violations.push(error(`${path}.defaultServiceAccount`, 'argocd/destination-service-account', `defaultServiceAccount "${account}" is not a service account name`, 'name a service account, optionally as <namespace>:<name>'));
    }
    const key = `${String(a.server ?? '')}/${String(a.namespace ?? '')}`;
    if (seen.has(key)) violations.push(error(path, 'argocd/destination-service-account', `destination service account for "${key}" is listed twice`, 'drop the repeat'));
    seen.add(key);
  });
  return violations;
}
