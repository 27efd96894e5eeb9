import { isRecord } from '../../object-index';
import { error, Violation } from '../../violation';

/** The field that locates an artifact in each kind of store (Argo's `HasLocation` / `GetKey`). */
const LOCATORS: Readonly<Record<string, readonly string[]>> = {
  s3: ['key'], gcs: ['key'], oss: ['key'], azure: ['blob'], hdfs: ['path', 'addresses'], http: ['url'], git: ['repo'],
  artifactory: ['url'], plugin: ['key'],
};

/** True when an artifact says where it is (`raw`, or a store with its key, URL or repo), so nobody has to pass it. */
export function hasLocationOrKey(artifact: Record<string, unknown>): boolean {
  if (isRecord(artifact.raw)) return true;
  return Object.entries(LOCATORS).some(([store, fields]) => {
    const location = artifact[store];
    return isRecord(location) && fields.some((f) => (Array.isArray(location[f]) ? location[f].length > 0 : typeof location[f] === 'string' && location[f] !== ''));
  });
}

/**
 * The required fields of a git or HDFS location (Argo's `validateArtifactLocation`): a git artifact names its repo;
 * an HDFS one its addresses, an absolute path, and a user or Kerberos credentials with what they need.
 */
export function artifactLocationProblems(location: Record<string, unknown>, path: string): Violation[] {
  const violations: Violation[] = [];
  const need = (field: string, message: string, fix: string) => violations.push(error(`${path}.${field}`, 'argo/artifact-location', message, fix));
  if (isRecord(location.git) && (typeof location.git.repo !== 'string' || location.git.repo === '')) {
    need('git', 'a git artifact needs git.repo', 'set git.repo to the repository URL');
  }
  const hdfs = location.hdfs;
  if (isRecord(hdfs)) {
    if (!Array.isArray(hdfs.addresses) || hdfs.addresses.length === 0) need('hdfs', 'an HDFS artifact needs hdfs.addresses', 'list the namenode addresses, e.g. ["namenode:8020"]');
    if (typeof hdfs.path !== 'string' || hdfs.path === '') need('hdfs', 'an HDFS artifact needs hdfs.path', 'set hdfs.path to an absolute path');
    else if (!hdfs.path.startsWith('/')) need('hdfs.path', `HDFS path "${hdfs.path}" is not absolute`, `use "/${hdfs.path}"`);
    const ccache = isRecord(hdfs.krbCCacheSecret);
    const keytab = isRecord(hdfs.krbKeytabSecret);
    const has = (f: string) => typeof hdfs[f] === 'string' && hdfs[f] !== '';
    if (!has('hdfsUser') && !ccache && !keytab) {
      need('hdfs', 'an HDFS artifact needs hdfsUser, krbCCacheSecret or krbKeytabSecret', 'set hdfs.hdfsUser, or Kerberos credentials');
    }
    if (keytab && !(has('krbServicePrincipalName') && isRecord(hdfs.krbConfigConfigMap) && has('krbUsername') && has('krbRealm'))) {
      need('hdfs', 'hdfs.krbKeytabSecret needs krbServicePrincipalName, krbConfigConfigMap, krbUsername and krbRealm', 'set all four');
    } else if (ccache && !(has('krbServicePrincipalName') && isRecord(hdfs.krbConfigConfigMap))) {
      need('hdfs', 'hdfs.krbCCacheSecret needs krbServicePrincipalName and krbConfigConfigMap', 'set both');
    }
  }
  return violations;
}

/**
 * Why an artifact path escapes the directory it is meant to stay in (`/tmp/safe/../../etc`), or undefined.
 * Argo refuses `..` that leaves the part of the path before the first `/..`.
 */
export function traversalProblem(path: string): string | undefined {
  const cut = path.indexOf('/../');
  const safe = cut >= 0 ? path.slice(0, cut) : path.endsWith('/..') ? path.slice(0, -3) : '';
  if (safe === '') return undefined;
  const cleaned = normalize(path);
  return cleaned.startsWith(`${safe}/`) && cleaned.length > safe.length + 1 ? undefined : `path "${path}" uses ".." to leave "${safe}"`;
}

function normalize(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return `${path.startsWith('/') ? '/' : ''}${parts.join('/')}`;
}
