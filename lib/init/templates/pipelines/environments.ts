import type { GitOpsConfig, PipelineCatalog } from 'kfops';
import { TrainPipeline } from './train-pipeline';

/** The pipelines environments can run, by name: the keys of `pipelines` below and of params/<env>.yaml. */
export const catalog: PipelineCatalog = {
  train: (scope, props) => new TrainPipeline(scope, 'train', props),
};

/**
 * Where the synthesized manifests go and which environments exist. Each environment is synthesized to
 * dist/<name>/, published to <deployRepo.dir>/<name>/ of the deploy repo by `kfops publish`, and synced by the
 * Argo CD Application kfops-<name>; its parameter values live in params/<name>.yaml.
 */
export const gitops: GitOpsConfig = {
  deployRepo: {
    // The git repository Argo CD syncs from; `kfops publish` commits dist/ to it.
    repoURL: 'https://github.com/your-org/your-deploy-repo.git',
    targetRevision: 'main',
    dir: '.',
  },
  environments: {
    dev: {
      // The cluster Argo CD runs in.
      destination: { server: 'https://kubernetes.default.svc' },
      namespace: 'ml-dev',
      project: 'ml',
      syncPolicy: { automated: true, prune: true, selfHeal: true },
      // Every merge runs the pipeline once; add `schedule: { cron: ['0 3 * * *'] }` for nightly runs.
      pipelines: { train: { runOnSync: true } },
    },
  },
};
