/**
 * Words that make a name say "this value is a secret": `DB_PASSWORD`, `api_token`, `clientSecret`, `PGPASS`,
 * `DB_PASS`. Matched against the name's words (split at `_`, `-`, `.`, `/` and camelCase), so `passenger` or
 * `compass` are not secrets.
 */
const SECRET_WORDS = new Set([
  'password', 'passwd', 'passphrase', 'pass', 'pwd', 'secret', 'secrets', 'token', 'tokens', 'credential', 'credentials',
  'creds', 'apikey', 'accesskey', 'privatekey', 'secretkey',
]);
/** Pairs of words that make a secret together: `API_KEY`, `access-key`, `privateKey`. */
const SECRET_PAIRS = new Set(['api key', 'access key', 'private key', 'secret key', 'signing key', 'encryption key', 'client secret']);
/** Words ending in `pass` that are about passwords (`pgpass`, `dbpass`, `rootpass`) — not `bypass` or `compass`. */
const PASS_SUFFIX = /^(?!by|com|sur|over|under|tres|encom)[a-z]{1,6}pass$/;
/**
 * Last words that make a secret-sounding name about a secret rather than the secret itself: `DB_PASSWORD_FILE`,
 * `SECRET_NAME`, `TOKEN_URL`, `secretName`, `USE_TOKEN` values are references, paths and switches.
 */
const REFERENCE_WORDS = new Set([
  'name', 'names', 'file', 'path', 'dir', 'ref', 'enabled', 'url', 'uri', 'endpoint', 'type', 'id', 'ttl', 'expiry',
  'length', 'header', 'mount', 'location', 'namespace', 'field', 'version', 'policy', 'mode', 'format', 'provider',
  'audience', 'scope', 'key', 'keyref', 'selector', 'store', 'volume', 'arn', 'env', 'source', 'image',
]);
/** Words that hint at a secret only when the value also looks random: `SIGNING_SALT`, `SESSION_KEY`, `HMAC`. */
const HINT_WORDS = new Set(['key', 'auth', 'salt', 'hmac', 'signature', 'sig', 'cookie', 'session', 'dsn', 'cert', 'nonce', 'seed']);

/** The lower-case words of a name: `clientSecret_FILE` -> [client, secret, file]. */
export function nameWords(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

/**
 * True when a name says its value is a secret (`DB_PASSWORD`, `api-token`, `PGPASS`), and not that the value is
 * about a secret (`DB_PASSWORD_FILE`, `SECRET_NAME`, `tokenUrl`).
 */
export function isSecretName(name: string): boolean {
  const words = nameWords(name);
  if (words.length === 0) return false;
  if (words.length > 1 && REFERENCE_WORDS.has(words[words.length - 1]) && !isPairEnd(words)) return false;
  return words.some((w, i) => SECRET_WORDS.has(w) || PASS_SUFFIX.test(w) || (i > 0 && SECRET_PAIRS.has(`${words[i - 1]} ${w}`)));
}

/** `API_KEY` ends in `key`, a reference word, but `api key` is the secret itself. */
function isPairEnd(words: readonly string[]): boolean {
  const n = words.length;
  return n >= 2 && SECRET_PAIRS.has(`${words[n - 2]} ${words[n - 1]}`);
}

/**
 * True when a name hints at a secret (`SESSION_KEY`, `auth`, `HMAC_SALT`): its value is one if it looks random.
 * Not when the name ends in a word that makes it about something else (`AUTH_PROXY_IMAGE`, `SESSION_KEY_FILE`).
 */
export function isSecretHintName(name: string): boolean {
  const words = nameWords(name);
  const last = words[words.length - 1];
  if (words.length > 1 && REFERENCE_WORDS.has(last) && !HINT_WORDS.has(last)) return false;
  return words.some((w) => HINT_WORDS.has(w));
}

/**
 * True for a reference to a value held elsewhere: `{{...}}`, `$(VAR)`, `${VAR}`, `<placeholder>`, `****`, or a value
 * that starts with a shell variable (`$DB_PASS`, `$DB_PASS@host`; `$$DB_PASS` is Kubernetes' escape of the `$`, which
 * the shell of a `sh -c` command then expands), as scripts and envsubst templates pass secrets.
 */
export function isReference(value: string): boolean {
  const v = value.trim();
  return v.includes('{{') || v.includes('$(') || v.includes('${') || /^\$\$?[A-Za-z_]/.test(v) || /^<[^>]*>$/.test(v) || /^(\*+|x+|X+|\.{3}|…)$/.test(v);
}

/**
 * True when a value is certainly not a secret: empty, a reference ({@link isReference}), a path, a boolean or
 * number.
 */
export function isHarmlessValue(value: string): boolean {
  const v = value.trim();
  return v === '' || isReference(v) || /^(\/|\.\/|~\/)/.test(v) || /^(true|false|yes|no|on|off|\d+(\.\d+)?)$/i.test(v);
}

/**
 * True when a value looks machine-generated: 20+ characters without spaces, mixing character classes with high
 * Shannon entropy (random base64 or hex), and not words joined by dashes, a URL or a path.
 */
export function looksRandom(value: string): boolean {
  if (value.length < 20 || /\s/.test(value) || /^[a-z]+([-_.][a-z0-9]+)+$/i.test(value) || /^[a-z][a-z0-9+.-]*:\/\//i.test(value)
    || isHarmlessValue(value)) {
    return false;
  }
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((r) => r.test(value)).length;
  const hex = /^[0-9a-f]+$/i.test(value);
  return classes >= 2 && entropy(value) >= (hex ? 3.0 : 3.5);
}

/** Shannon entropy of the characters of `value`, in bits per character. */
function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}
