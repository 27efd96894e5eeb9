import { isRecord, records } from '../../object-index';

/**
 * Argo CD's pattern matching for AppProject source repositories and destinations (gobwas/glob, with a leading
 * `!` to deny): `*` within a separator, `**` across them, `?`, `[a-z]`, `[!a]` and `{a,b}`.
 */
export function globMatch(pattern: string, value: string, separator?: string): boolean {
  if (pattern.startsWith('!')) return !globRegex(pattern.slice(1), separator).test(value);
  return pattern === '*' || globRegex(pattern, separator).test(value);
}

const regexCache = new Map<string, RegExp>();

function globRegex(pattern: string, separator?: string): RegExp {
  const key = `${separator ?? ''}\u0000${pattern}`;
  const cached = regexCache.get(key);
  if (cached) return cached;
  const notSeparator = separator ? `[^${escape(separator)}]` : '.';
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        out += '.*';
        i++;
      } else {
        out += `${notSeparator}*`;
      }
    } else if (c === '?') {
      out += notSeparator;
    } else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) {
        out += '\\[';
        continue;
      }
      const body = pattern.slice(i + 1, end);
      out += `[${body.startsWith('!') ? `^${escapeClass(body.slice(1))}` : escapeClass(body)}]`;
      i = end;
    } else if (c === '{') {
      const end = pattern.indexOf('}', i + 1);
      if (end < 0) {
        out += '\\{';
        continue;
      }
      out += `(?:${pattern.slice(i + 1, end).split(',').map(escape).join('|')})`;
      i = end;
    } else {
      out += escape(c);
    }
  }
  const regex = new RegExp(`^${out}$`, 's');
  regexCache.set(key, regex);
  return regex;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function escapeClass(body: string): string {
  return body.replace(/[\\\]^]/g, '\\$&');
}

/** A git URL in the form Argo CD compares them: lowercase, `git@host:path` as `host/path`, no `.git` suffix. */
export function normalizeGitUrl(url: string): string {
  let repo = url.trim().toLowerCase();
  if (/^[\w.-]+@[\w.-]+:/.test(repo)) repo = repo.replace(':', '/');
  return repo.replace(/\.git$/, '').replace(/^ssh:\/\//, '');
}

/** True when the project's `sourceRepos` permit the repository (Argo CD's `AppProject.IsSourcePermitted`). */
export function sourcePermitted(project: Record<string, unknown>, repoURL: string): boolean {
  const repos = isRecord(project.spec) && Array.isArray(project.spec.sourceRepos) ? project.spec.sourceRepos.filter((r): r is string => typeof r === 'string') : [];
  const source = normalizeGitUrl(repoURL);
  let matched = false;
  for (const repo of repos) {
    const deny = repo.startsWith('!');
    const pattern = deny ? `!${normalizeGitUrl(repo.slice(1))}` : normalizeGitUrl(repo);
    if (globMatch(pattern, source, '/')) matched = true;
    else if (deny) return false;
  }
  return matched;
}

/** The cluster Argo CD runs in, known by both its name and its server URL. */
const IN_CLUSTER = { name: 'in-cluster', server: 'https://kubernetes.default.svc' };

/**
 * Whether the project's `destinations` permit an Application's destination (Argo CD's
 * `AppProject.isDestinationMatched`): true, false, or undefined when it depends on the cluster registry
 * (a destination named one way and permitted the other way, other than the in-cluster one).
 */
export function destinationPermitted(project: Record<string, unknown>, destination: Record<string, unknown>): boolean | undefined {
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  let server = str(destination.server).replace(/\/+$/, '');
  let name = str(destination.name);
  if (name === IN_CLUSTER.name && server === '') server = IN_CLUSTER.server;
  if (server === IN_CLUSTER.server && name === '') name = IN_CLUSTER.name;
  const namespace = str(destination.namespace);
  let undecided = false;
  let matched = false;
  for (const item of records(isRecord(project.spec) ? project.spec.destinations : undefined)) {
    const [itemServer, itemName, itemNamespace] = [str(item.server), str(item.name), str(item.namespace)];
    // `*` matches whatever the cluster is called, even when only its other identity is known here.
    const nameMatched = name !== '' ? globMatch(itemName, name) : itemName === '*';
    const serverMatched = server !== '' ? globMatch(itemServer, server) : itemServer === '*';
    const namespaceMatched = globMatch(itemNamespace, namespace);
    if ((serverMatched || nameMatched) && namespaceMatched) {
      matched = true;
    } else if ((server === '' && itemServer !== '' && itemServer !== '*') || (name === '' && itemName !== '' && itemName !== '*')) {
      // The item names the cluster the other way; only Argo CD's cluster registry can tell whether it matches.
      undecided = true;
    } else if ((!nameMatched && itemName.startsWith('!')) || (!serverMatched && itemServer.startsWith('!') && namespaceMatched)) {
      return false;
    } else if (!namespaceMatched && itemNamespace.startsWith('!') && serverMatched) {
      return false;
    }
  }
  return matched ? true : undecided ? undefined : false;
}
