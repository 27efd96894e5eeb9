import { Chart } from 'cdk8s';
import { KfopsApp } from '../lib';
import { Workflow1 } from './workflow1';
import { Workflow2 } from './workflow2';

// The cdk8s app: `npx cdk8s synth` (or `npx kfops synth`) runs this file and writes dist/<environment>/.
KfopsApp.main((app) => {
  const dev = new Chart(app, 'dev', { namespace: 'kubeflow' });
  new Workflow1(dev);
  new Workflow2(dev);
});
