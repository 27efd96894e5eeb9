import * as path from 'path';
import { KfopsApp } from '../lib';
import { deployEnvironments, PipelineCatalog } from '../lib/gitops';
import { gitops } from './environments';
import { Workflow1 } from './workflow1';
import { Workflow2 } from './workflow2';

/** The pipelines environments can run, by name (as in environments.ts and params/<env>.yaml). */
const catalog: PipelineCatalog = {
  workflow1: (scope, props) => new Workflow1(scope, 'workflow1', props),
  workflow2: (scope, props) => new Workflow2(scope, 'workflow2', props),
};

// The cdk8s app: `npx cdk8s synth` (or `npx kfops synth`) runs this file and writes dist/<environment>/ for every
// environment of environments.ts, dist/argocd/ (AppProjects, one Application per environment) and dist/bootstrap/
// (the app of apps, applied once).
KfopsApp.main((app) => {
  deployEnvironments(app, { ...gitops, catalog, paramsDir: path.join(__dirname, 'params') });
});
