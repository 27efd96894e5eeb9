import { parseGoDuration } from '../argo-spec/duration';
import { formatDepends, parseDepends } from '../argo-spec/depends';
import { withSchedules } from './cron-schedules';

/** Labels and annotations kfops adds to what it synthesizes; they do not count as a difference. */
const KFOPS_KEY = /^kfops\.dev\//;
/** Lists Argo reads as maps by `name`, whose order does not matter. */
const NAMED_SETS = new Set(['templates', 'tasks', 'volumes', 'volumeClaimTemplates']);
/** Go-duration strings, compared by length of time. */
const DURATIONS = new Set(['timeout', 'duration', 'maxDuration', 'maxAge', 'deleteDelayDuration']);
/** Fields Argo holds as plain structs, where an empty one is the same as none. */
const VALUE_STRUCTS = new Set(['arguments', 'inputs', 'outputs', 'metadata', 'labels', 'annotations']);
/** Integer-or-string fields, compared as text. */
const INT_OR_STRING = new Set(['activeDeadlineSeconds', 'limit', 'factor', 'count', 'start', 'end', 'retries']);

/**
 * Where a synthesized object differs from the one it was imported from, or undefined when they are semantically the
 * same: same apiVersion, kind, name, namespace, labels and annotations (kfops may add its own), and the same spec,
 * with parameter values and quantities compared as strings, durations by length, `depends` by meaning, and lists
 * Argo reads by name (templates, DAG tasks, volumes) in any order. Unset (null) fields, empty lists and empty
 * arguments, inputs, outputs and metadata count as absent, as they do for Argo.
 */
export function roundTripDifference(input: Record<string, unknown>, output: Record<string, unknown>): string | undefined {
  // What an object asks for; `status` is what the controller reports back.
  const pick = (o: Record<string, unknown>) => ({
    apiVersion: o.apiVersion, kind: o.kind, metadata: o.metadata,
    // A CronWorkflow's singular `schedule` is the one item of `schedules` to Argo (v3.6 on).
    spec: o.kind === 'CronWorkflow' && isObject(o.spec) ? withSchedules(o.spec) : o.spec,
  });
  return difference(normalize(pick(input), ''), normalize(pick(output), ''), '');
}

function normalize(value: unknown, key: string, parent = ''): unknown {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) {
    // Go's encoding leaves an empty list out, and Argo reads a missing one as empty.
    if (value.length === 0) return undefined;
    const items = value.map((v) => normalize(v, '', key));
    if (key === 'dependencies') return [...items].map(String).sort();
    if (key === 'enum') return items.map(String);
    if (NAMED_SETS.has(key) && items.every((i) => isObject(i) && typeof i.name === 'string')) {
      const names = items.map((i) => (i as Record<string, unknown>).name as string);
      if (new Set(names).size === names.length) return Object.fromEntries(items.map((i) => [(i as Record<string, unknown>).name, i]));
    }
    return items;
  }
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if ((key === 'labels' || key === 'annotations') && parent === 'metadata' && KFOPS_KEY.test(k)) continue;
      const n = normalize(v, k, key);
      if (n !== undefined) out[k] = n;
    }
    if (VALUE_STRUCTS.has(key) && Object.keys(out).length === 0) return undefined;
    return out;
  }
  if (key === 'depends' && typeof value === 'string') {
    const { expression } = parseDepends(value);
    return expression ? formatDepends(expression) : value;
  }
  if (DURATIONS.has(key) && (typeof value === 'string' || typeof value === 'number')) {
    const d = parseGoDuration(String(value));
    return d ? `${d.toMilliseconds()}ms` : value;
  }
  // Parameter values (arguments, inputs, outputs) and resource quantities are strings to Argo and Kubernetes.
  if ((key === 'value' || key === 'default') && (typeof value === 'number' || typeof value === 'boolean')) return String(value);
  if ((parent === 'requests' || parent === 'limits') && typeof value === 'number') return String(value);
  if (INT_OR_STRING.has(key) && typeof value === 'number') return String(value);
  return value;
}

function difference(a: unknown, b: unknown, path: string): string | undefined {
  if (isObject(a) && isObject(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = difference(a[k], b[k], path ? `${path}.${k}` : k);
      if (d) return d;
    }
    return undefined;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const d = difference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  if (a === b) return undefined;
  return `${path}: ${show(a)} became ${show(b)}`;
}

function show(v: unknown): string {
  if (v === undefined) return 'absent';
  const text = JSON.stringify(v);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
