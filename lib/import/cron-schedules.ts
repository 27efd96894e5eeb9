import type { Json } from './convert-values';

/**
 * The spec with the singular `schedule` (deprecated in v3.6, removed in v4) as the one item of `schedules`, the
 * same schedule to Argo; a spec that sets both is left as it is (Argo refuses it).
 */
export function withSchedules(spec: Json): Json {
  if (typeof spec.schedule !== 'string' || (spec.schedules !== undefined && spec.schedules !== null)) return spec;
  const { schedule, ...rest } = spec;
  return { ...rest, schedules: [schedule] };
}
