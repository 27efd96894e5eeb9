import { Duration } from 'cdk8s';
import { formatGoDuration, parseGoDuration } from '../argo-spec/duration';
import { arr, call, Code, data, obj, str } from './code';
import { Inexpressible, TagScope, textCode } from './references';

/** A JSON object, as read from YAML. */
export type Json = Record<string, unknown>;

/** True for a plain JSON object. */
export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Upstream data whose strings may hold tags, as `Valued` code; null fields are left out (Argo reads them as unset). */
export function valued(v: unknown, scope: TagScope): Code {
  if (typeof v === 'string') return textCode(v, scope);
  if (Array.isArray(v)) return arr(v.map((x) => valued(x, scope)));
  if (isObject(v)) return obj(Object.entries(v).filter(([, x]) => x !== null).map(([k, x]) => [k, valued(x, scope)]));
  return data(v);
}

/** Props copied from fields of `o` of the same name: as plain data, or as `Valued` code (strings may hold tags). */
export function copied(o: Json, scope: TagScope, asData: readonly string[], asValued: readonly string[]): Array<[string, Code | undefined]> {
  const present = (k: string) => o[k] !== undefined && o[k] !== null;
  return [
    ...asValued.map((k): [string, Code | undefined] => [k, present(k) ? valued(o[k], scope) : undefined]),
    ...asData.map((k): [string, Code | undefined] => [k, present(k) ? data(o[k]) : undefined]),
  ];
}

/** A `Value`: strings with tags as references or `fmt`, numbers and booleans as they are. */
export function value(v: unknown, scope: TagScope, what: string): Code {
  if (typeof v === 'string') return textCode(v, scope);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw new Inexpressible(`${what} is ${JSON.stringify(v)}, where a string or number is expected`);
}

/** A list of values. */
export function values(v: unknown, scope: TagScope, what: string): Code {
  if (!Array.isArray(v)) throw new Inexpressible(`${what} is not a list`);
  return arr(v.map((x, i) => value(x, scope, `${what}[${i}]`)));
}

/** A cdk8s `Duration` as code, in the largest whole unit. */
export function durationCode(d: Duration, scope: TagScope): string {
  scope.uses.add('Duration');
  const ms = d.toMilliseconds();
  const units: Array<[string, number]> = [['days', 86_400_000], ['hours', 3_600_000], ['minutes', 60_000], ['seconds', 1000]];
  const [unit, size] = units.find(([, n]) => ms % n === 0 && ms >= n) ?? ['millis', 1];
  return `Duration.${unit}(${ms / size})`;
}

/**
 * A Go-duration string field (`timeout`, `backoff.duration`, ...): a `Duration` when kfops would write the same text,
 * else the text itself (e.g. `90s`, or a tag).
 */
export function goDurationCode(v: unknown, scope: TagScope, what: string): Code {
  if (typeof v === 'string') {
    const d = parseGoDuration(v);
    if (d && !/^\d+$/.test(v) && formatGoDuration(d) === v) return durationCode(d, scope);
  }
  return value(v, scope, what);
}

/** An integer-seconds field (`activeDeadlineSeconds`): a `Duration` for a number, else the value. */
export function secondsCode(v: unknown, scope: TagScope, what: string): Code {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return durationCode(Duration.seconds(v), scope);
  return value(v, scope, what);
}

/** An enum member as code, e.g. `RetryPolicy.ON_FAILURE`, when `v` is one of its values. */
export function enumCode(enumName: string, members: Readonly<Record<string, string>>, v: unknown, scope: TagScope, what: string): string {
  const member = Object.entries(members).find(([, x]) => x === v)?.[0];
  if (!member) throw new Inexpressible(`${what} ${JSON.stringify(v)} is not one of ${Object.values(members).join(', ')}`);
  scope.uses.add(enumName);
  return `${enumName}.${member}`;
}

/** Environment variables as kfops' `env` record, or undefined when they do not fit one (duplicates, unusual fields). */
export function envCode(env: unknown, scope: TagScope): Code | undefined {
  if (!Array.isArray(env)) return undefined;
  const names = env.map((e) => (isObject(e) ? e.name : undefined));
  if (names.some((n) => typeof n !== 'string') || new Set(names).size !== names.length) return undefined;
  const entries: Array<[string, Code]> = [];
  for (const e of env as Json[]) {
    const keys = Object.keys(e).filter((k) => e[k] !== null);
    if (keys.length === 2 && keys.includes('value')) {
      entries.push([e.name as string, value(e.value, scope, `env ${e.name as string}`)]);
    } else if (keys.length === 2 && keys.includes('valueFrom') && isObject(e.valueFrom)) {
      const ref = e.valueFrom.secretKeyRef;
      const secretKeys = isObject(ref) ? Object.keys(ref) : [];
      if (Object.keys(e.valueFrom).length === 1 && isObject(ref) && typeof ref.name === 'string' && typeof ref.key === 'string'
        && secretKeys.every((k) => ['name', 'key', 'optional'].includes(k)) && ref.optional !== false) {
        scope.uses.add('SecretKey');
        entries.push([e.name as string, `SecretKey.of(${str(ref.name)}, ${str(ref.key)}${ref.optional ? ', true' : ''})`]);
      } else {
        scope.uses.add('EnvVarSource');
        entries.push([e.name as string, envSourceCode(e.valueFrom, scope)]);
      }
    } else {
      return undefined;
    }
  }
  return obj(entries);
}

// A `valueFrom` as the EnvVarSource factory that writes it back: a ConfigMap key, a pod field, or any source.
function envSourceCode(from: Json, scope: TagScope): Code {
  const keys = Object.keys(from);
  const cm = from.configMapKeyRef;
  if (keys.length === 1 && isObject(cm) && typeof cm.name === 'string' && typeof cm.key === 'string'
    && Object.keys(cm).every((k) => ['name', 'key', 'optional'].includes(k)) && (cm.optional === undefined || typeof cm.optional === 'boolean')) {
    return call('EnvVarSource.configMapKey', str(cm.name), str(cm.key), ...(cm.optional !== undefined ? [String(cm.optional)] : []));
  }
  const field = from.fieldRef;
  if (keys.length === 1 && isObject(field) && Object.keys(field).length === 1 && typeof field.fieldPath === 'string') {
    return call('EnvVarSource.field', str(field.fieldPath));
  }
  return call('EnvVarSource.of', valued(from, scope));
}

/**
 * Requests and limits as kfops' `ContainerResources` (cpu, memory, ephemeral storage, GPU limits), or undefined when
 * they use what it does not express (other resources, GPU requests, claims).
 */
export function resourcesCode(res: unknown): Code | undefined {
  if (!isObject(res)) return undefined;
  const requests = isObject(res.requests) ? res.requests : {};
  const limits = isObject(res.limits) ? res.limits : {};
  if (Object.keys(res).some((k) => k !== 'requests' && k !== 'limits')) return undefined;
  const gpuKeys = Object.keys(limits).filter((k) => !['cpu', 'memory', 'ephemeral-storage'].includes(k));
  if (Object.keys(requests).some((k) => !['cpu', 'memory', 'ephemeral-storage'].includes(k)) || gpuKeys.length > 1) return undefined;
  const entries: Array<[string, Code]> = [];
  for (const [name, prop] of [['cpu', 'cpu'], ['memory', 'memory'], ['ephemeral-storage', 'ephemeralStorage']] as const) {
    const request = requests[name];
    const limit = limits[name];
    if (request === undefined && limit === undefined) continue;
    const amount = (a: unknown) => (typeof a === 'number' ? String(a) : typeof a === 'string' ? str(a) : undefined);
    if ((request !== undefined && amount(request) === undefined) || (limit !== undefined && amount(limit) === undefined)) return undefined;
    // A number is written back as a string; Kubernetes reads both alike.
    entries.push([prop, request !== undefined && request === limit ? amount(request) as string
      : obj([['request', request !== undefined ? amount(request) : undefined], ['limit', limit !== undefined ? amount(limit) : undefined]])]);
  }
  if (gpuKeys.length === 1) {
    const count = Number(limits[gpuKeys[0]]);
    if (!Number.isInteger(count) || count < 1) return undefined;
    entries.push(['gpu', obj([['count', String(count)], ['vendor', gpuKeys[0] === 'nvidia.com/gpu' ? undefined : str(gpuKeys[0])]])]);
  }
  return obj(entries);
}
