/**
 * Userinfo in a URL (`https://user:token@host/...`): everything between `scheme://` and the last `@` before
 * the host. Matched anywhere in a text, so it also catches URLs inside git's own messages.
 */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s'"]*@/gi;

/**
 * Replaces the credentials of every URL in `text` with `***`: `https://user:token@host/x` becomes
 * `https://***@host/x`. Apply it to everything kfops prints that may hold a repo URL, including errors from git.
 *
 * @example redact("fatal: unable to access 'https://ci:s3cret@git.example.com/deploy.git/'")
 *   // "fatal: unable to access 'https://***@git.example.com/deploy.git/'"
 */
export function redact(text: string): string {
  return text.replace(URL_USERINFO, '$1***@');
}

/**
 * True when `repo` names a remote by URL (`https://...`, `ssh://...`, `file://...`) or scp-like address
 * (`git@host:org/repo.git`) rather than a path on disk.
 */
export function isRemoteUrl(repo: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(repo) || /^[^/\\:]+@[^/\\:]+:/.test(repo);
}
