import { Check } from '../../check';
import { Violation, warning } from '../../violation';
import { segmentsPath } from '../argo/template-tags';
import { embeddedSuffix } from './secret-finding';
import { mayHoldSecretData, scanSecrets } from './secret-scan';

/**
 * A Secret with values, committed as plain YAML, on its own or embedded (in an Argo `resource.manifest`, in a
 * `last-applied-configuration` annotation): anyone with the repository reads it (base64 is not encryption).
 * A warning: a test fixture may do this on purpose.
 */
export const checkPlaintextSecret: Check = (object) => {
  if (!mayHoldSecretData(object)) return [];
  const byPlace = new Map<string, { field: string; keys: number; suffix: string }>();
  for (const f of scanSecrets(object).findings) {
    if (f.kind !== 'secret-data' || f.blank) continue;
    const path = f.embedded ? segmentsPath(f.path) : String(f.path[0]);
    const seen = byPlace.get(path);
    if (seen) seen.keys++;
    else byPlace.set(path, { field: f.embedded ? f.embedded.path.split('.')[0] : path, keys: 1, suffix: embeddedSuffix(f) });
  }
  const violations: Violation[] = [];
  for (const [path, { field, keys, suffix }] of byPlace) {
    violations.push(warning(path, 'security/plaintext-secret', `Secret holds ${keys} value(s) in plain ${field}, readable by anyone with the repository${suffix}`,
      'commit a SealedSecret or an ExternalSecret instead, and create the Secret in the cluster'));
  }
  return violations;
};
