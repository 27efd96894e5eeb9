import { Check } from '../../check';
import { isRecord } from '../../object-index';
import { warning } from '../../violation';

/**
 * A Secret with values, committed as plain YAML: anyone with the repository reads it (base64 is not
 * encryption). A warning: a test fixture may do this on purpose.
 */
export const checkPlaintextSecret: Check = (object) => {
  if (object.kind !== 'Secret' || object.apiVersion !== 'v1') return [];
  for (const field of ['data', 'stringData'] as const) {
    const values = object[field];
    if (isRecord(values) && Object.values(values).some((v) => typeof v === 'string' && v !== '')) {
      return [warning(field, 'security/plaintext-secret', `Secret holds ${Object.keys(values).length} value(s) in plain ${field}, readable by anyone with the repository`,
        'commit a SealedSecret or an ExternalSecret instead, and create the Secret in the cluster')];
    }
  }
  return [];
};
