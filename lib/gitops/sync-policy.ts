import type { ApplicationSpecSyncPolicy as IArgoSyncPolicy } from '../../imports/argo-cd';
import { BOOLEAN, OptionalGuard, shape } from '../guards';
import { UserError } from '../user-error';

/**
 * How Argo CD syncs an environment's Application.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/auto_sync/
 */
export interface SyncPolicy {
  /** Sync when the deploy repo changes, without anyone clicking Sync. @default true */
  readonly automated?: boolean;
  /** Automated sync deletes objects that left the deploy repo. Needs `automated`. @default true */
  readonly prune?: boolean;
  /** Automated sync reverts changes made in the cluster by hand. Needs `automated`. @default true */
  readonly selfHeal?: boolean;
}

/** A sync policy with every default resolved. */
export interface ResolvedSyncPolicy {
  readonly automated: boolean;
  readonly prune: boolean;
  readonly selfHeal: boolean;
}

/** Resolves the defaults of `policy`; `where` names the environment in errors. */
export function resolveSyncPolicy(policy: SyncPolicy = {}, where: string): ResolvedSyncPolicy {
  const automated = policy.automated ?? true;
  if (!automated && (policy.prune || policy.selfHeal)) {
    throw new UserError(`[${where}] syncPolicy.prune and syncPolicy.selfHeal apply to automated sync only, but automated is false; `
      + 'remove them, or set automated: true');
  }
  return { automated, prune: automated && (policy.prune ?? true), selfHeal: automated && (policy.selfHeal ?? true) };
}

/**
 * The Argo CD `syncPolicy` of an Application. `createNamespace` adds the `CreateNamespace=true` sync option, which
 * creates the destination namespace when missing without making it part of the Application (so deleting the
 * Application never deletes the namespace).
 */
export function renderSyncPolicy(policy: ResolvedSyncPolicy, createNamespace: boolean): IArgoSyncPolicy {
  return {
    ...(policy.automated && { automated: { prune: policy.prune, selfHeal: policy.selfHeal } }),
    ...(createNamespace && { syncOptions: ['CreateNamespace=true'] }),
  };
}

/** Guards a {@link SyncPolicy}. */
export const SYNC_POLICY: OptionalGuard = shape<SyncPolicy>('SyncPolicy', { automated: BOOLEAN, prune: BOOLEAN, selfHeal: BOOLEAN });
