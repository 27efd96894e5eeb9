import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { PluginManager as PluginManagerType } from '../../node_modules/cdk8s-cli/lib/plugins/_manager';
import type { Validation, ValidationPlugin as ValidationPluginType } from '../../node_modules/cdk8s-cli/lib/plugins/validation';
import { KfopsValidation } from '../../lib/validate/cdk8s-plugin';

// kfops declares the part of the CLI's context it uses itself (its declarations need no cdk8s-cli): `tsc --noEmit`
// fails here if the CLI's Validation and kfops' plugin ever stop fitting together.
export const fitsTheCli: Validation = new KfopsValidation();

// The cdk8s CLI's own loader, required by path since its package exports do not list these modules.
const CLI_PLUGINS = path.join(path.dirname(require.resolve('cdk8s-cli/package.json')), 'lib', 'plugins');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { PluginManager } = require(path.join(CLI_PLUGINS, '_manager.js')) as { PluginManager: typeof PluginManagerType };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ValidationPlugin } = require(path.join(CLI_PLUGINS, 'validation.js')) as { ValidationPlugin: typeof ValidationPluginType };

const ENTRY = path.resolve(__dirname, '..', '..', 'lib', 'validate', 'cdk8s-plugin-entry.js');

const workflowTemplate = (entrypoint: string) => `apiVersion: argoproj.io/v1alpha1
kind: WorkflowTemplate
metadata:
  name: train
spec:
  entrypoint: ${entrypoint}
  templates:
    - name: main
      container:
        image: alpine:3.19
        command: [echo, hi]
`;

let dir: string;
let cwd: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-plugin-'));
  cwd = process.cwd();
  process.chdir(dir);
});
afterEach(() => {
  process.chdir(cwd);
  fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * Loads the plugin the way `cdk8s synth` does for a cdk8s.yaml `validations:` entry, and runs it. Output that fails
 * stays in place (moving it happens at process exit: test/validate/cdk8s-cli-synth.test.ts runs the real CLI).
 */
async function synthValidate(manifest: string, properties: Record<string, unknown> = {}, resources: Record<string, { path: string }> = { train: { path: 'app/train' } }) {
  fs.mkdirSync('dist');
  fs.writeFileSync('dist/train.k8s.yaml', manifest);
  fs.writeFileSync('dist/construct-metadata.json', JSON.stringify({ version: '1.0.0', resources }));
  const { plugin, context } = ValidationPlugin.load(
    { package: ENTRY, version: '0.1.0', class: 'KfopsValidation', properties: { keepInvalidOutput: true, ...properties } },
    { manifests: ['dist/train.k8s.yaml'], constructMetadata: 'dist/construct-metadata.json' },
    false, new PluginManager(path.join(dir, '.plugins')),
  );
  await plugin.validate(context);
  return context.report;
}

describe('KfopsValidation (cdk8s validation plugin)', () => {
  test('showWarnings: false leaves warnings out of the report', async () => {
    const report = await synthValidate(workflowTemplate('main').replace('alpine:3.19', 'alpine'), { showWarnings: false });
    expect(report.success).toBe(true);
    expect(report.toJson().violations).toEqual([]);
  });

  test('valid output passes', async () => {
    const report = await synthValidate(workflowTemplate('main'));
    expect(report.success).toBe(true);
    expect(report.toJson().violations).toEqual([]);
  });

  test('an error fails synth, with the construct path cdk8s adds', async () => {
    const report = await synthValidate(workflowTemplate('mian'));
    expect(report.success).toBe(false);
    expect(report.toJson().violations).toEqual([{
      ruleName: 'argo/entrypoint (error)',
      recommendation: 'dist/train.k8s.yaml:6:3: spec.entrypoint: entrypoint "mian" is not a template of this workflow',
      fix: 'did you mean "main"?',
      violatingConstructs: [{ resourceName: 'train', locations: ['spec.entrypoint'], manifestPath: 'dist/train.k8s.yaml', constructPath: 'app/train' }],
    }]);
  });

  test('KfopsApp output: the resource is Kind namespace/name, the key its construct metadata uses', async () => {
    const report = await synthValidate(workflowTemplate('mian'), {}, { 'WorkflowTemplate train': { path: 'dev/train/WorkflowTemplate' } });
    expect(report.toJson().violations[0].violatingConstructs).toEqual([{
      resourceName: 'WorkflowTemplate train', locations: ['spec.entrypoint'], manifestPath: 'dist/train.k8s.yaml', constructPath: 'dev/train/WorkflowTemplate',
    }]);
  });

  test.each([[false, true], [true, false]])('a warning with strict=%s: success=%s', async (strict, success) => {
    const report = await synthValidate(workflowTemplate('main').replace('alpine:3.19', 'alpine'), { strict });
    expect(report.success).toBe(success);
    expect(report.toJson().violations.map((v) => v.ruleName)).toEqual(['security/image-tag (warning)']);
  });
});
