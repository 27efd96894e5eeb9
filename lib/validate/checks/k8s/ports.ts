import { error, Violation } from '../../violation';
import { ianaSvcName } from '../../../k8s-spec/name-rules';

/** The fix for a port number out of range. */
export const PORT_FIX = 'use a port between 1 and 65535';

/**
 * A port number the API server accepts: 1-65535.
 * @see https://github.com/kubernetes/apimachinery/blob/master/pkg/util/validation/validation.go (IsValidPortNum)
 */
export function isPortNumber(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= 65535;
}

/** Why a number is not a port number. */
export function portProblem(value: number): string {
  return Number.isInteger(value) ? 'is not a valid port number (1-65535)' : 'is not a whole number';
}

/**
 * An IntOrString port (a probe's port, a Service's targetPort): a number 1-65535, or an IANA service name naming
 * a container port. A quoted number is a name to the API server, and not a valid one.
 *
 * @see https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/core/validation/validation.go (ValidatePortNumOrName)
 * @param what how the message names the field (`livenessProbe.httpGet.port`)
 */
export function portNumOrNameViolation(value: unknown, path: string, rule: string, what: string): Violation | undefined {
  if (typeof value === 'number') return isPortNumber(value) ? undefined : error(path, rule, `${what} ${value} ${portProblem(value)}`, PORT_FIX);
  if (typeof value !== 'string' || value.includes('{{')) return undefined;
  if (/^\d+$/.test(value)) {
    return error(path, rule, `${what} "${value}" is a string, so it is read as a port name, and a name needs a letter`, `write the number unquoted: ${value}`);
  }
  const problem = ianaSvcName(value);
  return problem ? error(path, rule, `${what} "${value}" is not an IANA service name: it ${problem}`, 'use a port number or the name of a container port') : undefined;
}
