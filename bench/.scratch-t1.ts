import { Chart, Testing, Size } from 'cdk8s';
import { TfJob } from '/work/main/lib/training/tf-job';
import { useGcpSecret } from '/work/main/lib/components/gcp-credentials';
import { stringify } from 'yaml';
const chart = new Chart(Testing.app(), 'test');
new TfJob(chart, 'taxi', { image: 'img:1', args: ['--x', 3], workers: 2, pss: 1, resources: { gpu: { count: 1 }, memory: { request: Size.gibibytes(2) } } }).apply(useGcpSecret());
console.log(stringify(Testing.synth(chart)));
