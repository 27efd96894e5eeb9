import * as path from 'path';
import { deployEnvironments, KfopsApp } from 'kfops';
import { catalog, gitops } from './environments';
import { addStandaloneObjects } from './standalone';

// The cdk8s app: `npx cdk8s synth` (or `npx kfops synth`) runs this file and writes dist/<environment>/ for every
// environment of environments.ts, dist/argocd/ (AppProjects, one Application per environment) and dist/bootstrap/
// (the app of apps, applied once). Standalone training and serving objects are added per environment.
KfopsApp.main((app) => {
  const { environments } = deployEnvironments(app, { ...gitops, catalog, paramsDir: path.join(__dirname, 'params') });
  environments.forEach(addStandaloneObjects);
});
