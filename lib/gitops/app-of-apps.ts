import type { Application as IApplication } from '../../imports/argo-cd';
import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { PropsGuard, required, STRING } from '../guards';
import { UserError } from '../user-error';
import { DEPLOY_REPO, DeployRepo, deployRepoPath } from './deploy-repo';
import { renderSyncPolicy } from './sync-policy';

/** Props of {@link AppOfApps}. */
export interface AppOfAppsProps {
  /** The Application's name. */
  readonly name: string;
  /** Where the Argo CD folder is published. */
  readonly deployRepo: DeployRepo;
  /** The synthesized folder holding the AppProjects and environment Applications, e.g. 'argocd'. */
  readonly folder: string;
  /** API server URL of the cluster Argo CD runs in. @default 'https://kubernetes.default.svc' */
  readonly server?: string;
}

/**
 * The root ("app of apps") Application: it syncs the folder of AppProjects and environment Applications into
 * Argo CD's own namespace, so an environment added to (or removed from) the environments file reaches Argo CD with
 * the next publish. It lives outside that folder, so it never manages itself; apply it once by hand
 * (`kubectl apply -n argocd -f bootstrap/`). It is in the `default` project, which always exists, because the
 * projects it creates cannot hold it before they exist.
 *
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/cluster-bootstrapping/
 */
export class AppOfApps extends Construct {
  constructor(scope: Construct, id: string, props: AppOfAppsProps) {
    APP_OF_APPS_PROPS.check(scope, id, props, new.target === AppOfApps);
    super(scope, id);
    const namespace = Chart.of(this).namespace;
    if (!namespace) throw new UserError(`[${this.node.path}] the app of apps needs a namespace (Argo CD's); put it in a chart with one`);
    const application: IApplication = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: props.name, labels: { 'app.kubernetes.io/part-of': 'kfops' } },
      spec: {
        project: 'default',
        source: {
          repoURL: props.deployRepo.repoURL,
          targetRevision: props.deployRepo.targetRevision ?? 'main',
          path: deployRepoPath(props.deployRepo, props.folder),
        },
        destination: { server: props.server ?? 'https://kubernetes.default.svc', namespace },
        syncPolicy: renderSyncPolicy({ automated: true, prune: true, selfHeal: true }, false),
      },
    };
    new ApiObject(this, 'Application', application);
  }
}

/** Checks the props of an {@link AppOfApps}. */
export const APP_OF_APPS_PROPS = new PropsGuard<AppOfAppsProps>('AppOfAppsProps',
  { name: required(STRING), deployRepo: required(DEPLOY_REPO), folder: required(STRING), server: STRING });
