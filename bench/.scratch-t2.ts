import { Chart, Testing } from 'cdk8s';
import { TfServing } from '../lib/serving/tf-serving';
import { useGcpSecret } from '../lib/components/gcp-credentials';
import { stringify } from 'yaml';
const chart = new Chart(Testing.app(), 'test');
new TfServing(chart, 'taxi', { modelName: 'taxi', modelBasePath: 'gs://b/m', autoscaling: { maxReplicas: 3 } }).apply(useGcpSecret());
console.log(stringify(Testing.synth(chart)));
