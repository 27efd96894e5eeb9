import { CmleDeploy, Pipeline } from '../../lib';
import { cmleVersionName, RUN_VERSION_NAME } from '../../lib/components';
import { synthChart, template, workflowSpec } from '../helpers/synth-chart';

const EXPRESSION = "{{=sprig.regexReplaceAll('[^a-zA-Z0-9_]', (workflow.name matches '^[a-zA-Z]' ? '' : 'v') + workflow.name + '_' + sprig.substr(0, 8, workflow.uid), '_')}}";

describe('cmleVersionName', () => {
  test('compiles to an Argo expression on the run name, suffixed per deploy', () => {
    const spec = workflowSpec(synthChart((chart) => {
      const p = new Pipeline(chart, 'p');
      for (const [id, suffix] of [['cmleop', undefined], ['cmleop2', '2']] as const) {
        new CmleDeploy(p, id, { gcsPath: 'gs://m', versionName: cmleVersionName(suffix), project: 'proj' });
      }
    }));
    const version = (step: string) => template(spec, step).container.args[3];
    expect(version('cmleop')).toBe(EXPRESSION);
    expect(version('cmleop2')).toBe(`${EXPRESSION}_2`);
    expect(RUN_VERSION_NAME.variable.startsWith('=')).toBe(true);
  });

  test('rejects suffixes CMLE would reject', () => {
    expect(() => cmleVersionName('v-2')).toThrow('CMLE version name suffix "v-2" may only hold letters, digits and \'_\'');
  });
});
