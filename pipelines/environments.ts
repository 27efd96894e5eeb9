import { ConcurrencyPolicy } from 'kfops';
import type { GitOpsConfig, PipelineCatalog } from 'kfops';
import { Workflow1 } from './workflow1';
import { Workflow2 } from './workflow2';

/** The pipelines environments can run, by name (the keys of `pipelines` below and of params/<env>.yaml). */
export const catalog: PipelineCatalog = {
  workflow1: (scope, props) => new Workflow1(scope, 'workflow1', props),
  workflow2: (scope, props) => new Workflow2(scope, 'workflow2', props),
};

/**
 * The one place environments are declared. Each environment is synthesized to `dist/<name>/`, published to
 * `<deployRepo.dir>/<name>/` of the deploy repo and synced by the Argo CD Application `kfops-<name>`. Parameter
 * values per environment live in `pipelines/params/<name>.yaml`.
 */
export const gitops: GitOpsConfig = {
  deployRepo: {
    repoURL: 'https://github.com/example-org/kfops-deploy.git',
    targetRevision: 'main',
    // Must match `kfops publish --dir`.
    dir: '.',
  },
  environments: {
    dev: {
      // The cluster Argo CD runs in.
      destination: { server: 'https://kubernetes.default.svc' },
      namespace: 'kfops-dev',
      project: 'kfops',
      syncPolicy: { automated: true, prune: true, selfHeal: true },
      // Every merge runs both pipelines once, on small data.
      pipelines: {
        workflow1: { runOnSync: true },
        workflow2: { runOnSync: true },
      },
      servingReplicas: 1,
    },
    staging: {
      // A cluster registered in Argo CD by name (`argocd cluster add ... --name ml-staging`).
      destination: { name: 'ml-staging' },
      namespace: 'kfops-staging',
      project: 'kfops',
      syncPolicy: { automated: true, prune: true, selfHeal: true },
      pipelines: {
        workflow1: { runOnSync: true, schedule: { cron: ['0 2 * * *'], timezone: 'America/Chicago' } },
        workflow2: { schedule: { cron: ['0 4 * * 1'], timezone: 'America/Chicago' } },
      },
      servingReplicas: 1,
    },
    prod: {
      destination: { server: 'https://ml-prod.k8s.example.com:6443' },
      namespace: 'kfops-prod',
      // A project of its own, so nothing but prod's Application can deploy to the prod cluster.
      project: 'kfops-prod',
      // Objects removed from the deploy repo are kept until someone prunes them in the Argo CD UI.
      syncPolicy: { automated: true, prune: false, selfHeal: true },
      pipelines: {
        workflow1: {
          schedule: { cron: ['0 3 * * *'], timezone: 'America/Chicago', concurrencyPolicy: ConcurrencyPolicy.FORBID },
        },
        workflow2: { schedule: { cron: ['0 5 * * 1'], timezone: 'America/Chicago' } },
      },
      servingReplicas: 3,
    },
  },
};
