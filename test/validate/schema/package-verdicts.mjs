// Prints, as JSON, the verdict of the kubernetes-models packages' own compiled ajv validators on each case read
// from stdin ([{definition, data, at?, missing?}]): true when valid, or with `at` (an instance path) when nothing at
// or under `at` is reported; with `missing: true`, the sorted required fields reported missing at the root instead.
// A separate process because the packages are ESM-only and jest runs CommonJS.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const roots = ['kubernetes-models', '@kubernetes-models/apimachinery', '@kubernetes-models/argo-workflows', '@kubernetes-models/argo-cd'].map((p) =>
  join(process.cwd(), 'node_modules', p, '_schemas'),
);
const cases = JSON.parse(readFileSync(0, 'utf8'));
const verdicts = [];
const validators = new Map();
for (const { definition, data, at, missing } of cases) {
  if (!validators.has(definition)) {
    const file = roots.map((r) => join(r, `${definition}.js`)).find(existsSync);
    if (!file) throw new Error(`no compiled validator for ${definition}`);
    validators.set(definition, (await import(pathToFileURL(file).href)).validate);
  }
  const validate = validators.get(definition);
  const valid = validate(data);
  if (missing) {
    verdicts.push((validate.errors ?? []).filter((e) => e.keyword === 'required' && e.instancePath === '').map((e) => e.params.missingProperty).sort());
    continue;
  }
  verdicts.push(
    at === undefined ? valid : valid || !validate.errors.some((e) => e.instancePath === at || e.instancePath.startsWith(`${at}/`)),
  );
}
process.stdout.write(JSON.stringify(verdicts));
