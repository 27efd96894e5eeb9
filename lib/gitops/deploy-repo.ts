import * as path from 'path';
import { OptionalGuard, required, shape, STRING } from '../guards';
import { UserError } from '../user-error';

/** The GitOps repository `kfops publish` writes to and Argo CD reads from. */
export interface DeployRepo {
  /** Clone URL as Argo CD knows the repository (no credentials: Argo CD holds those). */
  readonly repoURL: string;
  /** Branch, tag or commit Argo CD syncs. @default 'main' */
  readonly targetRevision?: string;
  /**
   * Folder of the repository holding the synthesized folders (`<dir>/<env>/`, `<dir>/argocd/`); the same as
   * `kfops publish --dir`. @default '.'
   */
  readonly dir?: string;
}

/** The path, inside the deploy repo, of the synthesized folder `folder` (`dir` joined with it, `/`-separated). */
export function deployRepoPath(repo: DeployRepo, folder: string): string {
  return path.posix.join(repo.dir ?? '.', folder);
}

/** Checks a deploy repo's settings, naming `where` in errors. */
export function checkDeployRepo(repo: DeployRepo, where: string): void {
  if (repo.repoURL.trim() === '') throw new UserError(`[${where}] deployRepo.repoURL is empty; set it to the deploy repo's clone URL`);
  // Any user info in an http(s) URL is a token or password; ssh URLs name a user (git@) but must not carry a password.
  if (/^https?:\/\/[^/@]+@/i.test(repo.repoURL) || /^[a-z][a-z0-9+.-]*:\/\/[^/@:]*:[^/@]*@/i.test(repo.repoURL)) {
    throw new UserError(`[${where}] deployRepo.repoURL must not contain credentials; register them with Argo CD (argocd repo add) instead`);
  }
  const dir = repo.dir ?? '.';
  if (path.posix.isAbsolute(dir) || path.posix.normalize(dir).split('/').includes('..')) {
    throw new UserError(`[${where}] deployRepo.dir '${dir}' must be a relative folder inside the repository, e.g. '.' or 'environments'`);
  }
}

/** Guards a {@link DeployRepo}. */
export const DEPLOY_REPO: OptionalGuard = shape<DeployRepo>('DeployRepo', { repoURL: required(STRING), targetRevision: STRING, dir: STRING });
