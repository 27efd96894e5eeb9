import { CheckContext } from '../../check';
import { didYouMean } from '../../../suggest-name';
import { isRecord, KubeObject, nameOf, namespaceOf, records } from '../../object-index';
import { error, Violation, warning } from '../../violation';
import { destinationPermitted, sourcePermitted } from './project-match';

/**
 * An Application's spec as Argo CD checks it before it syncs (`argocd app create`, and the controller's
 * InvalidSpecError condition): a source (or sources, or a source hydrator) with a repoURL and a path, chart or
 * ref; a Helm chart with a targetRevision; a destination by server or by name, not both; and, when the run holds
 * its AppProject, a source repository and destination the project permits.
 *
 * Argo CD: `util/argo.ValidatePermissions`, `validateSourcePermissions`, `validateSourceHydrator`,
 * `GetDestinationServer`, `AppProject.IsSourcePermitted` / `IsDestinationPermitted`.
 */
export function applicationRules(object: KubeObject, { index }: CheckContext): Violation[] {
  const spec = object.spec;
  if (!isRecord(spec)) return [];
  const violations: Violation[] = [];
  const sources = records(spec.sources);
  const multiple = sources.length > 0;
  const repos: { url: string; path: string }[] = [];
  if (isRecord(spec.sourceHydrator)) {
    violations.push(...hydratorProblems(spec.sourceHydrator));
    const dry = spec.sourceHydrator.drySource;
    if (isRecord(dry) && typeof dry.repoURL === 'string') repos.push({ url: dry.repoURL, path: 'spec.sourceHydrator.drySource.repoURL' });
  } else if (multiple) {
    sources.forEach((source, i) => {
      violations.push(...sourceProblems(source, `spec.sources[${i}]`, true));
      if (typeof source.repoURL === 'string') repos.push({ url: source.repoURL, path: `spec.sources[${i}].repoURL` });
    });
  } else if (isRecord(spec.source)) {
    violations.push(...sourceProblems(spec.source, 'spec.source', false));
    if (typeof spec.source.repoURL === 'string') repos.push({ url: spec.source.repoURL, path: 'spec.source.repoURL' });
  } else {
    violations.push(error('spec', 'argocd/source', 'the Application has no source, sources or sourceHydrator, so Argo CD has nothing to deploy',
      'set spec.source with repoURL, targetRevision and path (or chart)'));
  }
  const destination = isRecord(spec.destination) ? spec.destination : undefined;
  if (destination) violations.push(...destinationProblems(destination));
  const projectName = typeof spec.project === 'string' && spec.project !== '' ? spec.project : undefined;
  if (projectName === undefined) return violations;
  const projects = index.ofKind('AppProject');
  const project = projects.find((p) => nameOf(p) === projectName && (namespaceOf(p) ?? '') === (namespaceOf(object) ?? ''))
    ?? projects.find((p) => nameOf(p) === projectName);
  if (!project) {
    // `default` always exists; any other is checked only when the run holds projects (then a miss is likely a typo).
    if (projectName !== 'default' && projects.length > 0) {
      const known = projects.map(nameOf).filter((n): n is string => n !== undefined);
      violations.push(warning('spec.project', 'argocd/project', `project "${projectName}" is not among the AppProjects validated with this Application`,
        didYouMean(projectName, known, 'make sure the cluster holds it, or validate it together with this file')));
    }
    return violations;
  }
  for (const repo of repos) {
    if (repo.url === '' || repo.url.includes('{{') || sourcePermitted(project, repo.url)) continue;
    violations.push(error(repo.path, 'argocd/project-permission', `AppProject "${projectName}" does not permit source repository "${repo.url}"`,
      `add it (or a pattern matching it) to spec.sourceRepos of AppProject "${projectName}"`));
  }
  if (destination && destinationPermitted(project, destination) === false) {
    const where = typeof destination.server === 'string' && destination.server !== '' ? destination.server : String(destination.name);
    violations.push(error('spec.destination', 'argocd/project-permission',
      `AppProject "${projectName}" does not permit destination ${where}, namespace "${String(destination.namespace ?? '')}"`,
      `add {server: ${where}, namespace: ${String(destination.namespace ?? '*')}} to spec.destinations of AppProject "${projectName}"`));
  }
  return violations;
}

function sourceProblems(source: Record<string, unknown>, path: string, multiple: boolean): Violation[] {
  const set = (field: string) => typeof source[field] === 'string' && source[field] !== '';
  if (!set('repoURL')) {
    return [error(`${path}.repoURL`, 'argocd/source', `${path} has no repoURL`, 'set repoURL to the git repository, Helm repository or OCI registry')];
  }
  if (!set('path') && !set('chart') && !(multiple && set('ref'))) {
    return [error(path, 'argocd/source', `${path} has neither path nor chart${multiple ? ' nor ref' : ''}`,
      multiple ? 'set path (a directory of the repository), chart (a Helm chart) or ref (for other sources to read values from)'
        : 'set path to the directory of manifests (use "." for the repository root), or chart to a Helm chart')];
  }
  if (set('chart') && !set('targetRevision')) {
    return [error(`${path}.targetRevision`, 'argocd/source', `${path} deploys Helm chart "${String(source.chart)}" but sets no targetRevision`,
      'set targetRevision to the chart version, e.g. "1.2.3"')];
  }
  return [];
}

function hydratorProblems(hydrator: Record<string, unknown>): Violation[] {
  const violations: Violation[] = [];
  const field = (parent: unknown, key: string) => isRecord(parent) && typeof parent[key] === 'string' && parent[key] !== '';
  if (!field(hydrator.drySource, 'repoURL')) {
    violations.push(error('spec.sourceHydrator.drySource.repoURL', 'argocd/source', 'the source hydrator has no drySource.repoURL', 'set the repository the dry manifests come from'));
  }
  if (!field(hydrator.syncSource, 'targetBranch')) {
    violations.push(error('spec.sourceHydrator.syncSource.targetBranch', 'argocd/source', 'the source hydrator has no syncSource.targetBranch', 'set the branch hydrated manifests are written to'));
  }
  if (hydrator.hydrateTo !== undefined && !field(hydrator.hydrateTo, 'targetBranch')) {
    violations.push(error('spec.sourceHydrator.hydrateTo.targetBranch', 'argocd/source', 'sourceHydrator.hydrateTo is set without a targetBranch', 'set hydrateTo.targetBranch'));
  }
  return violations;
}

function destinationProblems(destination: Record<string, unknown>): Violation[] {
  const server = typeof destination.server === 'string' && destination.server !== '';
  const name = typeof destination.name === 'string' && destination.name !== '';
  if (server && name) {
    return [error('spec.destination', 'argocd/destination', 'the destination sets both server and name; Argo CD takes one', 'keep server (the API URL) or name (the cluster\'s name in Argo CD)')];
  }
  if (!server && !name) {
    return [error('spec.destination', 'argocd/destination', 'the destination names no cluster', 'set server, e.g. https://kubernetes.default.svc for the cluster Argo CD runs in, or name')];
  }
  return [];
}
