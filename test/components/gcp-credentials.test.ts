import { ContainerStep, Pipeline, useGcpSecret } from '../../lib';
import { synthChart, template, workflowSpec } from '../helpers/synth-chart';

describe('useGcpSecret', () => {
  test('mounts the key Secret and points GOOGLE_APPLICATION_CREDENTIALS at it, with any secret name', () => {
    const spec = workflowSpec(synthChart((chart) => {
      new ContainerStep(new Pipeline(chart, 'p'), 'step', { image: 'busybox:1.36' }).apply(useGcpSecret('ci-sa'));
    }));
    const t = template(spec, 'step');
    expect(t.volumes).toEqual([{ name: 'ci-sa', secret: { secretName: 'ci-sa' } }]);
    expect(t.container.volumeMounts).toEqual([{ name: 'ci-sa', mountPath: '/secret/gcp-credentials' }]);
    expect(t.container.env).toEqual([
      { name: 'GOOGLE_APPLICATION_CREDENTIALS', value: '/secret/gcp-credentials/ci-sa.json' },
      { name: 'CLOUDSDK_AUTH_CREDENTIAL_FILE_OVERRIDE', value: '/secret/gcp-credentials/ci-sa.json' },
    ]);
  });
});
