import { Check } from '../../check';
import { isRecord } from '../../object-index';
import { error, Violation } from '../../violation';
import { joinPath } from '../argo/template-tags';
import { findCredential } from './credential-patterns';

/** Kinds whose values are meant to hold secrets, or describe fields rather than hold values. */
const EXEMPT_KINDS = new Set(['Secret', 'SealedSecret', 'CustomResourceDefinition']);

/**
 * No credential as a literal value outside a Secret: PEM private keys, cloud access keys, service-account JSON,
 * API tokens, in env values, args, commands, ConfigMaps, annotations, embedded manifests, anywhere. Such a value
 * is readable by everyone who can read the object (and the git repository).
 */
export const checkLiteralCredentials: Check = (object) => {
  if (typeof object.kind === 'string' && EXEMPT_KINDS.has(object.kind)) return [];
  const violations: Violation[] = [];
  scan(object, '', violations);
  return violations;
};

function scan(value: unknown, path: string, out: Violation[]): void {
  if (typeof value === 'string') {
    const what = findCredential(value);
    if (what) {
      out.push(error(path, 'security/credential', `holds ${what} as a literal value`,
        'move it into a Secret (sealed or external) and reference it, e.g. env valueFrom.secretKeyRef; then rotate the leaked credential'));
    }
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) scan(value[i], `${path}[${i}]`, out);
  } else if (isRecord(value)) {
    for (const key of Object.keys(value)) scan(value[key], joinPath(path, key), out);
  }
}
