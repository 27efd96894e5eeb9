import type { Application as IApplication } from '../../imports/argo-cd';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { instanceOf, PropsGuard, required, STRING } from '../guards';
import { DEPLOY_REPO, DeployRepo, deployRepoPath } from './deploy-repo';
import { Environment } from './environment';
import { renderSyncPolicy } from './sync-policy';

/** Props of {@link EnvironmentApplication}. */
export interface EnvironmentApplicationProps {
  /** The environment the Application deploys. */
  readonly environment: Environment;
  /** Where the environment's folder is published. */
  readonly deployRepo: DeployRepo;
  /** The Application's name. */
  readonly name: string;
}

/**
 * The Argo CD Application of one environment: it syncs `<deploy repo>/<dir>/<env>/` (a kustomize folder) into the
 * environment's cluster and namespace, in the environment's project, with its sync policy.
 *
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/application-specification/
 */
export class EnvironmentApplication extends Construct {
  /** The Application's name. */
  public readonly name: string;

  constructor(scope: Construct, id: string, props: EnvironmentApplicationProps) {
    ENVIRONMENT_APPLICATION_PROPS.check(scope, id, props, new.target === EnvironmentApplication);
    super(scope, id);
    const env = props.environment;
    this.name = props.name;
    const application: IApplication = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: {
        name: props.name,
        labels: { 'app.kubernetes.io/part-of': 'kfops', 'kfops.dev/environment': env.name },
      },
      spec: {
        project: env.project,
        source: {
          repoURL: props.deployRepo.repoURL,
          targetRevision: props.deployRepo.targetRevision ?? 'main',
          path: deployRepoPath(props.deployRepo, env.name),
        },
        destination: { ...env.destination, namespace: env.namespace },
        syncPolicy: renderSyncPolicy(env.syncPolicy, env.createNamespace),
      },
    };
    new ApiObject(this, 'Application', application);
  }
}

/** Checks the props of an {@link EnvironmentApplication}. */
export const ENVIRONMENT_APPLICATION_PROPS = new PropsGuard<EnvironmentApplicationProps>('EnvironmentApplicationProps', {
  environment: required(instanceOf(Environment, 'an Environment')), deployRepo: required(DEPLOY_REPO), name: required(STRING),
});
