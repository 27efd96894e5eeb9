import * as path from 'path';
import { deployEnvironments, KfopsApp } from 'kfops';
import { catalog, gitops } from './environments';

// The cdk8s app that `npx kfops synth` runs: dist/<environment>/ for every environment, dist/argocd/ (AppProjects
// and one Application per environment) and dist/bootstrap/ (the app of apps, applied to the cluster once).
KfopsApp.main((app) => {
  deployEnvironments(app, { ...gitops, catalog, paramsDir: path.join(__dirname, 'params') });
});
