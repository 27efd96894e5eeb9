import { isRecord, KubeObject } from '../../object-index';
import { quantityValue } from '../../../k8s-spec/quantity';
import { error, Violation } from '../../violation';
import { indexed } from './pod-specs';
import { own } from '../../../own';

/** autoscaling/v2 metric types and the field each one's source goes in. */
const SOURCES: Readonly<Record<string, string>> = {
  Object: 'object', Pods: 'pods', Resource: 'resource', ContainerResource: 'containerResource', External: 'external',
};
/** The target field each target type needs. */
const TARGET_VALUES: Readonly<Record<string, string>> = { Utilization: 'averageUtilization', Value: 'value', AverageValue: 'averageValue' };
/** The target types each metric source takes (validateResourceSource, validatePodsSource, validateObjectSource, ...). */
const TARGET_TYPES: Readonly<Record<string, readonly string[]>> = {
  Resource: ['Utilization', 'AverageValue'], ContainerResource: ['Utilization', 'AverageValue'], Pods: ['AverageValue'],
  Object: ['Value', 'AverageValue'], External: ['Value', 'AverageValue'],
};

/**
 * A HorizontalPodAutoscaler's spec (autoscaling/v2): replica bounds (minReplicas at least 1, maxReplicas at least
 * minReplicas), and each metric with the source its type names, and only that one, and a target that sets the
 * value its type needs, positive. Whether scaleTargetRef exists: hpa-target.ts.
 *
 * @see https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/autoscaling/validation/validation.go
 *   (validateHorizontalPodAutoscalerSpec, validateMetricSpec, validateMetricTarget)
 */
export function hpaViolations(object: KubeObject): Violation[] {
  if (object.kind !== 'HorizontalPodAutoscaler' || !isRecord(object.spec)) return [];
  const spec = object.spec;
  const out: Violation[] = [];
  const { minReplicas: min, maxReplicas: max } = spec;
  // minReplicas 0 needs the HPAScaleToZero feature gate, alpha and off by default.
  if (typeof min === 'number' && min < 1) out.push(error('spec.minReplicas', 'k8s/hpa-spec', `minReplicas ${min} is below 1`, 'set minReplicas: 1 or more'));
  if (typeof max === 'number' && max < 1) out.push(error('spec.maxReplicas', 'k8s/hpa-spec', `maxReplicas ${max} is below 1`, 'set maxReplicas: 1 or more'));
  else if (typeof max === 'number' && typeof min === 'number' && max < min) {
    out.push(error('spec.maxReplicas', 'k8s/hpa-spec', `maxReplicas ${max} is below minReplicas ${min}`, `raise maxReplicas to ${min} or more`));
  }
  if (object.apiVersion !== 'autoscaling/v2') return out;
  for (const [metric, i] of indexed(spec.metrics)) {
    const at = `spec.metrics[${i}]`;
    const expected = typeof metric.type === 'string' ? own(SOURCES, metric.type) : undefined;
    const present = Object.values(SOURCES).filter((field) => isRecord(metric[field]));
    if (expected === undefined) continue; // the enum check reports an unknown type
    if (!present.includes(expected)) {
      out.push(error(`${at}.${expected}`, 'k8s/hpa-spec', `metric type ${String(metric.type)} needs its source in "${expected}"`, `add ${expected} (or change type to match ${present.join(', ') || 'the source'})`));
    }
    for (const other of present.filter((field) => field !== expected)) {
      out.push(error(`${at}.${other}`, 'k8s/hpa-spec', `a metric of type ${String(metric.type)} may not set "${other}"`, `remove ${other}, or use a separate metric for it`));
    }
    const source = metric[expected];
    if (isRecord(source) && isRecord(source.target)) out.push(...targetViolations(source.target, `${at}.${expected}.target`, String(metric.type)));
  }
  return out;
}

function targetViolations(target: Record<string, unknown>, path: string, metricType: string): Violation[] {
  const type = typeof target.type === 'string' ? target.type : undefined;
  const needed = type ? own(TARGET_VALUES, type) : undefined;
  if (!needed) return [];
  const out: Violation[] = [];
  if (target[needed] === undefined || target[needed] === null) {
    out.push(error(`${path}.${needed}`, 'k8s/hpa-spec', `a ${type} target needs ${needed}`, `set ${needed}`));
  } else if (needed === 'averageUtilization' ? typeof target[needed] === 'number' && (target[needed] as number) < 1 : (quantityValue(target[needed]) ?? 1) <= 0) {
    out.push(error(`${path}.${needed}`, 'k8s/hpa-spec', `${needed} ${String(target[needed])} is not positive`, `set ${needed} above 0`));
  }
  const allowed = own(TARGET_TYPES, metricType) ?? [];
  if (!allowed.includes(type!)) {
    out.push(error(`${path}.type`, 'k8s/hpa-spec', `a ${metricType} metric cannot target ${type}; it takes ${allowed.join(' or ')}`, `use type: ${allowed[0]}`));
  }
  return out;
}
