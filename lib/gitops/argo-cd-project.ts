import type { AppProject as IAppProject } from '../../imports/argo-cd';
import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { arrayOf, instanceOf, PropsGuard, required, STRING } from '../guards';
import { Environment } from './environment';
import { SYNC_WAVE_ANNOTATION, SyncWave } from './sync-wave';

/** Props of {@link ArgoCdProject}. */
export interface ArgoCdProjectProps {
  /** The project's name, as environments' `project` refer to it. */
  readonly name: string;
  /** The repositories Applications of the project may deploy from (the deploy repo). */
  readonly sourceRepos: readonly string[];
  /** The environments in the project: their destinations and the kinds of their objects are all it allows. */
  readonly environments: readonly Environment[];
}

/** An API group and kind, as AppProject whitelists list them ('' is the core group). */
interface GroupKind {
  readonly group: string;
  readonly kind: string;
}

/**
 * An Argo CD AppProject that allows its environments' Applications exactly what they deploy: the deploy repo as
 * source, each environment's cluster and namespace as destination, the namespaced kinds the environments' objects
 * have, and, as the only cluster-scoped kind, Namespace when an environment lets Argo CD create its namespace.
 *
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/projects/
 */
export class ArgoCdProject extends Construct {
  /** The project's name. */
  public readonly name: string;

  constructor(scope: Construct, id: string, props: ArgoCdProjectProps) {
    ARGO_CD_PROJECT_PROPS.check(scope, id, props, new.target === ArgoCdProject);
    super(scope, id);
    this.name = props.name;
    const environments = props.environments;
    const createsNamespace = environments.some((e) => e.createNamespace);
    const project: IAppProject = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AppProject',
      metadata: {
        name: props.name,
        // The project must exist before the Applications that name it.
        annotations: { [SYNC_WAVE_ANNOTATION]: String(SyncWave.SETUP) },
      },
      spec: {
        description: `kfops environments: ${environments.map((e) => e.name).join(', ')}`,
        sourceRepos: [...props.sourceRepos],
        destinations: environments.map((e) => ({ ...e.destination, namespace: e.namespace })),
        ...(createsNamespace && { clusterResourceWhitelist: [{ group: '', kind: 'Namespace' }] }),
        // Read at synth, once every pipeline has added its objects.
        namespaceResourceWhitelist: Lazy.any({ produce: () => namespacedKinds(environments) }) as unknown as GroupKind[],
      },
    };
    new ApiObject(this, 'AppProject', project);
  }
}

function namespacedKinds(environments: readonly Environment[]): GroupKind[] {
  const kinds = new Map<string, GroupKind>();
  for (const environment of environments) {
    for (const o of environment.node.findAll()) {
      if (!(o instanceof ApiObject)) continue;
      const group = o.apiGroup === 'core' ? '' : o.apiGroup;
      kinds.set(`${group}/${o.kind}`, { group, kind: o.kind });
    }
  }
  return [...kinds.keys()].sort().map((key) => kinds.get(key)!);
}

/** Checks the props of an {@link ArgoCdProject}. */
export const ARGO_CD_PROJECT_PROPS = new PropsGuard<ArgoCdProjectProps>('ArgoCdProjectProps', {
  name: required(STRING),
  sourceRepos: required(arrayOf(STRING)),
  environments: required(arrayOf(instanceOf(Environment, 'an Environment'), 'an array of Environments')),
});
