import { Check } from '../../check';
import { error } from '../../violation';
import { segmentsPath } from '../argo/template-tags';
import { embeddedSuffix } from './secret-finding';
import { scanSecrets } from './secret-scan';

/** Kinds whose values are meant to hold secrets, or describe fields rather than hold values. */
const EXEMPT_KINDS = new Set(['Secret', 'SealedSecret', 'CustomResourceDefinition']);

/**
 * No credential as a literal value outside a Secret: PEM private keys, cloud access keys, service-account JSON,
 * API tokens, Authorization header values, passwords in URLs, in env values, args, commands, ConfigMaps,
 * annotations, embedded manifests, anywhere. Such a value is readable by everyone who can read the object (and the
 * git repository).
 */
export const checkLiteralCredentials: Check = (object) => {
  if (typeof object.kind === 'string' && EXEMPT_KINDS.has(object.kind)) return [];
  return scanSecrets(object).findings
    .filter((f) => f.kind === 'credential' && !(f.embedded?.kind && EXEMPT_KINDS.has(f.embedded.kind)))
    .map((f) => error(segmentsPath(f.path), 'security/credential', `holds ${f.what} as a literal value${embeddedSuffix(f)}`,
      'move it into a Secret (sealed or external) and reference it, e.g. env valueFrom.secretKeyRef; then rotate the leaked credential'));
};
