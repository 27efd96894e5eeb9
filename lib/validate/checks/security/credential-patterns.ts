import { COMMAND_LINE_SECRET, hasCommandLineSecret } from './command-line-secrets';
import { isReference, looksRandom } from './secret-names';

/** A kind of credential recognisable by its shape. */
export interface CredentialPattern {
  /** what it is, for messages: "an AWS access key id" */
  readonly what: string;
  readonly test: (value: string) => boolean;
}

const AWS_KEY_ID = /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g;
/** An HTTP auth scheme and what follows it, a token68 (RFC 7235): the credential when the context says it is one. */
const AUTH_SCHEME = /\b(?:Bearer|Basic|Token)\s+([A-Za-z0-9\-._~+/]{8,}=*)(?![A-Za-z0-9\-._~+/=])/gi;
/** Text just before a scheme that makes it a header value: `Authorization: `, `-H "Authorization: `, `"Authorization": "`. */
const HEADER_BEFORE = /authori[sz]ation["']?\s*[:=]\s*["']?$/i;

/**
 * An `Authorization` header credential: the scheme and credential in a header context (`Authorization: Bearer x`),
 * a value that is nothing but `<scheme> <credential>` with a credential-like token (digits, base64 padding, mixed
 * case), or a random-looking token after a scheme anywhere. Prose that happens to put a word after "Token" or
 * "Basic" (`Token refresh-interval-30s is configured`, `Basic python3.10-slim image`) is none of these.
 */
function authorizationCredential(value: string): boolean {
  for (const m of value.matchAll(AUTH_SCHEME)) {
    const credential = m[1];
    if (isReference(credential)) continue;
    if (HEADER_BEFORE.test(value.slice(0, m.index))) return true;
    const whole = value.trim() === m[0] && (/\d/.test(credential) || credential.endsWith('=') || (/[a-z]/.test(credential) && /[A-Z]/.test(credential)));
    if (whole || looksRandom(credential)) return true;
  }
  return false;
}
/** A PEM header of any private key type: RSA, EC, DSA, OPENSSH, ENCRYPTED, PKCS#8 (none), PGP ... BLOCK. */
const PEM_PRIVATE_HEADER = /-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY( BLOCK)?-----/g;

/**
 * A PEM private key: a private-key header followed by key material (base64, the `Proc-Type` of an old encrypted
 * key, or `...` where the rest was cut when pasting), or with its END line. The header alone appears in scripts that grep for keys, and certificates and
 * public keys (`BEGIN CERTIFICATE`, `BEGIN PUBLIC KEY`) are not secrets. JSON strings escape the newlines.
 */
function pemPrivateKey(value: string): boolean {
  for (const m of value.matchAll(PEM_PRIVATE_HEADER)) {
    const after = value.slice(m.index + m[0].length, m.index + m[0].length + 400);
    const body = after.replace(/\s|\\[nr]/g, '');
    if (/^(?:Proc-Type|[A-Za-z0-9+/=]{16,}|\.\.\.|…)/.test(body) || after.includes(`-----END ${m[1]}PRIVATE KEY${m[2] ?? ''}-----`)) return true;
  }
  return false;
}

/** An `.npmrc` credential line: `//registry.npmjs.org/:_authToken=...`, `_auth=...`, `//host/:_password=...`. */
const NPMRC_CREDENTIAL = /(?:^|[\s"'])(?:\/\/[^\s=]*:)?_(?:authToken|auth|password)\s*=\s*["']?([^\s"']+)/gm;

function npmrcCredential(value: string): boolean {
  return [...value.matchAll(NPMRC_CREDENTIAL)].some((m) => !isReference(m[1]));
}

/** `scheme://user:password@host`: the password part of a URL's userinfo. */
const URL_PASSWORD = /\b[a-z][a-z0-9+.-]*:\/\/[^\s/?#@:]*:([^\s/?#@]+)@[^\s/?#@]/gi;

/**
 * Credential formats with a recognisable shape. Each is specific enough that a match in a manifest is a real
 * credential (documented fakes such as AWS's `...EXAMPLE` keys and references such as `{{...}}` or `$(VAR)`
 * excepted), so matches are errors wherever they are and are masked in every output.
 */
export const CREDENTIAL_PATTERNS: readonly CredentialPattern[] = [
  { what: 'a PEM private key', test: pemPrivateKey },
  {
    what: 'an AWS access key id',
    test: (v) => [...v.matchAll(AWS_KEY_ID)].some((m) => !m[0].endsWith('EXAMPLE')),
  },
  {
    what: 'an AWS secret access key',
    test: (v) => /aws_secret_access_key\s*[=:]\s*["']?[A-Za-z0-9/+]{40}\b/i.test(v) && !/EXAMPLEKEY/.test(v),
  },
  {
    what: 'a Google Cloud service account key (JSON)',
    test: (v) => /"type"\s*:\s*"service_account"/.test(v) && /"private_key"\s*:\s*"-----BEGIN/.test(v),
  },
  { what: 'a GitHub token', test: (v) => /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})/.test(v) },
  { what: 'a GitLab token', test: (v) => /\bglpat-[A-Za-z0-9_-]{20,}/.test(v) },
  { what: 'a Slack token', test: (v) => /\bxox[abposr]-[A-Za-z0-9]{6,}-[A-Za-z0-9-]{6,}/.test(v) },
  { what: 'a Slack webhook URL', test: (v) => /https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]{16,}/.test(v) },
  { what: 'a Google API key', test: (v) => /\bAIza[0-9A-Za-z_-]{35}\b/.test(v) },
  { what: 'a Stripe live key', test: (v) => /\b[rs]k_live_[0-9A-Za-z]{20,}/.test(v) },
  { what: 'an npm token', test: (v) => /\bnpm_[A-Za-z0-9]{36}\b/.test(v) },
  { what: 'an npm registry credential (.npmrc _authToken/_auth/_password)', test: npmrcCredential },
  { what: 'a Hugging Face token', test: (v) => /\bhf_[A-Za-z0-9]{34,}\b/.test(v) },
  { what: 'an Azure storage account key', test: (v) => /AccountKey=[A-Za-z0-9+/]{40,}={0,2}/.test(v) },
  { what: 'a JSON Web Token', test: (v) => /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/.test(v) },
  {
    what: 'an Authorization header credential (Bearer/Basic/Token)',
    test: authorizationCredential,
  },
  { what: 'a URL with a password in it (user:password@host)', test: (v) => [...v.matchAll(URL_PASSWORD)].some((m) => !isReference(m[1])) },
  { what: COMMAND_LINE_SECRET, test: hasCommandLineSecret },
];

/**
 * A cheap test that rules out almost every string before the patterns run: each pattern holds one of these.
 * Validation speed depends on it, since every string value of every object is scanned.
 */
const PREFILTER = /PRIVATE KEY|AKIA|ASIA|ABIA|ACCA|aws_secret|service_account|gh[pousr]_|github_pat_|glpat-|xox[abposr]-|hooks\.slack|AIza|k_live_|npm_|hf_|_auth|_password|AccountKey=|eyJ|Bearer|Basic|Token|:\/\/[^\s/@]*:[^\s/@]*@|pass|pwd|secret|key|cred|mysql|mariadb|redis-cli/i;

/** What credential the value holds, or undefined. */
export function findCredential(value: string): string | undefined {
  if (value.length < 8 || !PREFILTER.test(value)) return undefined;
  return CREDENTIAL_PATTERNS.find((p) => p.test(value))?.what;
}
