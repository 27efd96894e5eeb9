import * as fs from 'fs';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { checkArguments, instanceOf, PropsGuard, recordOf, required, shape, STRING } from '../guards';
import { UserError } from '../user-error';
import { suggestName } from '../suggest-name';
import { AppOfApps } from './app-of-apps';
import { ArgoCdProject } from './argo-cd-project';
import { checkDeployRepo, DEPLOY_REPO, DeployRepo } from './deploy-repo';
import { CATALOG, Environment, ENVIRONMENT_CONFIG_GUARDS, EnvironmentConfig } from './environment';
import { EnvironmentApplication } from './environment-application';
import type { PipelineCatalog } from './pipeline-catalog';

/** Output folder of the AppProjects and environment Applications (synced by the app of apps). */
export const ARGOCD_FOLDER = 'argocd';
/** Output folder of the app of apps, applied once by hand. */
export const BOOTSTRAP_FOLDER = 'bootstrap';

/** Where Argo CD runs and how kfops names its objects there. */
export interface ArgoCdSettings {
  /** The namespace Argo CD runs in, where Applications and AppProjects live. @default 'argocd' */
  readonly namespace?: string;
  /** Prefix of Application names: `<prefix>-<env>`, and `<prefix>` for the app of apps. @default 'kfops' */
  readonly appPrefix?: string;
}

/** The project's environments and deploy repo: what the environments file exports. */
export interface GitOpsConfig {
  /** The GitOps repository `kfops publish` writes to and Argo CD syncs from. */
  readonly deployRepo: DeployRepo;
  /** The environments, by name (the output folder `dist/<name>/` and Application `<prefix>-<name>`). */
  readonly environments: Readonly<Record<string, EnvironmentConfig>>;
  /** Argo CD settings. @default - namespace 'argocd', prefix 'kfops' */
  readonly argocd?: ArgoCdSettings;
}

/** Props of {@link deployEnvironments}. */
export interface DeployEnvironmentsProps extends GitOpsConfig {
  /** The pipelines environments can run. */
  readonly catalog: PipelineCatalog;
  /** Folder of the params files; environment `<env>` reads `<paramsDir>/<env>.yaml`. */
  readonly paramsDir: string;
}

/** What {@link deployEnvironments} added to the app. */
export interface DeployedEnvironments {
  readonly environments: readonly Environment[];
  /** The chart written to `dist/argocd/`: AppProjects and one Application per environment. */
  readonly argocd: Chart;
  /** The chart written to `dist/bootstrap/`: the app of apps. */
  readonly bootstrap: Chart;
}

/**
 * Adds every environment of `config` to `app` (each written to `dist/<env>/`), plus the Argo CD objects that
 * deploy them: `dist/argocd/` (one AppProject per project, one Application per environment) and
 * `dist/bootstrap/` (the app of apps that syncs `dist/argocd/`).
 */
export function deployEnvironments(app: App, props: DeployEnvironmentsProps): DeployedEnvironments {
  checkArguments('deployEnvironments', [['app', app, required(instanceOf(App, 'the cdk8s App (e.g. the KfopsApp)'))]]);
  DEPLOY_ENVIRONMENTS_PROPS.checkAt('gitops', props);
  checkDeployRepo(props.deployRepo, 'gitops');
  const names = Object.keys(props.environments);
  if (names.length === 0) throw new UserError('[gitops] no environments are declared; add one to environments');
  for (const reserved of [ARGOCD_FOLDER, BOOTSTRAP_FOLDER]) {
    if (names.includes(reserved)) {
      throw new UserError(`[gitops] '${reserved}' cannot name an environment: dist/${reserved}/ holds the Argo CD objects; rename it`);
    }
  }
  checkParamsFiles(props.paramsDir, names);
  const environments = names.map((name) => new Environment(app, name, {
    ...props.environments[name],
    catalog: props.catalog,
    paramsFile: path.join(props.paramsDir, `${name}.yaml`),
  }));

  checkDistinctDestinations(environments);

  const namespace = props.argocd?.namespace ?? 'argocd';
  const prefix = props.argocd?.appPrefix ?? 'kfops';
  const argocd = new Chart(app, ARGOCD_FOLDER, { namespace });
  const projects = [...new Set(environments.map((e) => e.project))].sort();
  for (const project of projects) {
    new ArgoCdProject(argocd, `project-${project}`, {
      name: project,
      sourceRepos: [props.deployRepo.repoURL],
      environments: environments.filter((e) => e.project === project),
    });
  }
  for (const environment of environments) {
    new EnvironmentApplication(argocd, `app-${environment.name}`, {
      environment,
      deployRepo: props.deployRepo,
      name: `${prefix}-${environment.name}`,
    });
  }
  const bootstrap = new Chart(app, BOOTSTRAP_FOLDER, { namespace });
  new AppOfApps(bootstrap, 'app-of-apps', { name: prefix, deployRepo: props.deployRepo, folder: ARGOCD_FOLDER });
  return { environments, argocd, bootstrap };
}

// Two environments in one namespace of one cluster would overwrite each other's objects (same names) on every sync.
function checkDistinctDestinations(environments: readonly Environment[]): void {
  const seen = new Map<string, string>();
  for (const e of environments) {
    const key = `${e.destination.server ?? `name:${e.destination.name}`}|${e.namespace}`;
    const other = seen.get(key);
    if (other) {
      throw new UserError(`[gitops] environments '${other}' and '${e.name}' both deploy to namespace '${e.namespace}' of `
        + `${e.destination.server ?? e.destination.name}; give each environment its own namespace`);
    }
    seen.set(key, e.name);
  }
}

// A params file no environment reads is a typo (prd.yaml) or a leftover; either way its values would be ignored.
function checkParamsFiles(paramsDir: string, environments: readonly string[]): void {
  let files: string[];
  try {
    files = fs.readdirSync(paramsDir).filter((f) => /\.ya?ml$/.test(f));
  } catch {
    // A missing folder is reported per environment, naming the file it should hold.
    return;
  }
  const stray = files.filter((f) => !environments.includes(f.replace(/\.ya?ml$/, '')) || f.endsWith('.yml'));
  if (stray.length === 0) return;
  const dir = path.relative(process.cwd(), paramsDir) || '.';
  throw new UserError(stray.map((f) => {
    const name = f.replace(/\.ya?ml$/, '');
    const closest = environments.includes(name) ? name : suggestName(name, environments);
    return `${path.join(dir, f)}: no environment reads this params file (environments: ${environments.join(', ')}); `
      + (closest ? `did you mean ${closest}.yaml?` : 'rename it to <environment>.yaml or delete it');
  }).join('\n'));
}

/** Checks the props of {@link deployEnvironments}. */
export const DEPLOY_ENVIRONMENTS_PROPS = new PropsGuard<DeployEnvironmentsProps>('DeployEnvironmentsProps', {
  deployRepo: required(DEPLOY_REPO),
  environments: required(recordOf(shape<EnvironmentConfig>('EnvironmentConfig', ENVIRONMENT_CONFIG_GUARDS))),
  argocd: shape<ArgoCdSettings>('ArgoCdSettings', { namespace: STRING, appPrefix: STRING }),
  catalog: required(CATALOG),
  paramsDir: required(STRING),
});
