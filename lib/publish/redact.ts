/** A URL scheme and its `://`. */
const SCHEME = '[a-z][a-z0-9+.-]*://';

/**
 * Credentials by shape, for text whose secrets are not known in advance (git's messages can quote URLs other
 * than the one kfops passed, such as a redirect target). Applied in order; each keeps what identifies the
 * thing (scheme, host, header name) and replaces the secret with `***`.
 */
const SHAPES: ReadonlyArray<readonly [RegExp, (match: string, ...groups: string[]) => string]> = [
  // Userinfo of a URL, up to the last `@` before whitespace: quotes, `:` and `@` inside a password included.
  [new RegExp(`\\b(${SCHEME})\\S*@`, 'gi'), (_, scheme) => `${scheme}***@`],
  // Query of a URL (`?access_token=...`): all of it, but not the punctuation of the sentence around it.
  [new RegExp(`\\b(${SCHEME}[^\\s?#'"]*)\\?(?:[^\\s#'"]*[^\\s#'":;,.)\\]])?`, 'gi'), (_, url) => `${url}?***`],
  // An scp-like address with a password (`ci:tok3n@host:org/repo`); `git@host:org/repo` has none and stays.
  [/(^|[\s'"(<=,])[^\s'"@/:]+:(?!\/\/)[^\s'"]*@/g, (_, before) => `${before}***@`],
  // `token=...` pairs outside a URL, as credential helpers and proxies print them.
  [/\b(access_token|private_token|oauth_token|auth_token|token|password|passwd|pwd|secret|client_secret|api_?key|sig|signature)=[^\s&'";]+/gi,
    (_, key) => `${key}=***`],
  // HTTP headers that carry credentials (`http.extraHeader=Authorization: Bearer ...`), the scheme kept.
  [/\b((?:proxy-)?authorization\s*:\s*)(?:(basic|bearer|token|digest|negotiate|ntlm)\s+)?[^\s'"]+/gi,
    (_, name, scheme) => `${name}${scheme ? `${scheme} ` : ''}***`],
  [/\b((?:private|job|deploy)-token\s*:\s*|x-[a-z0-9-]*token\s*:\s*|x-api-key\s*:\s*)[^\s'"]+/gi, (_, name) => `${name}***`],
  [/\b(cookie\s*:\s*)[^\r\n'"]+/gi, (_, name) => `${name}***`],
];

/** Secrets shorter than this are replaced only where their shape shows them (`user@`), not wherever they occur. */
const MIN_LOOSE_SECRET = 6;

/**
 * Replaces credentials in `text` with `***`: first every occurrence of the known `secrets` (see
 * {@link remoteSecrets}), then anything shaped like a credential: URL userinfo and query strings, scp-like
 * `user:password@host`, `token=` pairs and authorization headers. Apply it to everything kfops prints that may
 * hold a repo URL, including git's own messages.
 *
 * @example redact("fatal: unable to access 'https://ci:s3cret@git.example.com/deploy.git/'")
 *   // "fatal: unable to access 'https://***@git.example.com/deploy.git/'"
 */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length === 0) continue;
    out = out.split(`${secret}@`).join('***@');
    if (secret.length >= MIN_LOOSE_SECRET) out = out.split(secret).join('***');
  }
  for (const [shape, replace] of SHAPES) out = out.replace(shape, replace);
  return out;
}

/**
 * The parts of a remote that are secret, raw and percent-decoded: the userinfo of a URL (all of it, and the
 * password alone), the userinfo of an scp-like address when it has a password, and the query and fragment
 * with each of their values. With these, text that quotes the remote is redacted even where a space or quote
 * in the password defeats the shapes.
 */
export function remoteSecrets(remote: string): string[] {
  const secrets = new Set<string>();
  const scheme = new RegExp(`^${SCHEME}`, 'i').exec(remote);
  let rest = scheme ? remote.slice(scheme[0].length) : remote;
  const queryStart = rest.search(/[?#]/);
  if (scheme && queryStart >= 0) {
    const query = rest.slice(queryStart + 1);
    secrets.add(query);
    for (const pair of query.split(/[&;#]/)) secrets.add(pair.slice(pair.indexOf('=') + 1));
    rest = rest.slice(0, queryStart);
  }
  const at = rest.lastIndexOf('@');
  const userinfo = at > 0 ? rest.slice(0, at) : '';
  // An scp-like `git@host:repo` names a user, not a secret; with a password it is one.
  if (userinfo && (scheme || userinfo.includes(':'))) {
    secrets.add(userinfo);
    if (userinfo.includes(':')) secrets.add(userinfo.slice(userinfo.indexOf(':') + 1));
  }
  for (const secret of [...secrets]) {
    const decoded = decodePercent(secret);
    if (decoded !== secret) secrets.add(decoded);
  }
  return [...secrets].filter((s) => s.length > 0);
}

/**
 * Secrets a CI job passes to git as `-c http.extraHeader=...` through `GIT_CONFIG_KEY_n`/`GIT_CONFIG_VALUE_n`:
 * each header value and the credential after its scheme (`Authorization: Basic <credential>`).
 */
export function configSecrets(env: NodeJS.ProcessEnv): string[] {
  const count = Number(env.GIT_CONFIG_COUNT ?? 0);
  const secrets: string[] = [];
  for (let i = 0; Number.isInteger(count) && i < count; i++) {
    const value = env[`GIT_CONFIG_VALUE_${i}`];
    if (!/extraheader$/i.test(env[`GIT_CONFIG_KEY_${i}`] ?? '') || !value) continue;
    const header = value.slice(value.indexOf(':') + 1).trim();
    secrets.push(header, header.replace(/^\S+\s+/, ''));
  }
  return secrets.filter((s) => s.length > 0);
}

/**
 * True when `repo` names a remote rather than a folder on disk, decided the way git decides: a URL
 * (`https://...`, `ssh://...`, `file://...`), or an scp-like address, i.e. a `:` before any `/`
 * (`git@github.com:org/repo.git`).
 */
export function isRemoteUrl(repo: string): boolean {
  if (new RegExp(`^${SCHEME}`, 'i').test(repo)) return true;
  const colon = repo.indexOf(':');
  const slash = repo.search(/[/\\]/);
  return colon > 0 && (slash < 0 || colon < slash);
}

function decodePercent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
