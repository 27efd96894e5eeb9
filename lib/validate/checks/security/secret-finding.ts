/** What a masked value is replaced with in every output: diff, preview, and secrets inside embedded documents. */
export const MASKED = '(masked)';

/** One step into an object: a map key or a list index. */
export type SecretPathSegment = string | number;

/**
 * Why a value is secret. `credential`: its shape (a key, a token, a password in a URL), wherever it is.
 * `named`: a literal value under a secret-sounding name (`DB_PASS`, `api-token`), or a random-looking value under a
 * name that hints at one (`SESSION_KEY`). `secret-data`: a value of a Secret's `data`/`stringData`.
 */
export type SecretKind = 'credential' | 'named' | 'secret-data';

/** Where a named value sits: an env var, an Argo parameter, a ConfigMap key, an annotation, another `{name, value}`. */
export type NamedPlace = 'env' | 'parameter' | 'config' | 'annotation' | 'value';

/** A secret found inside a document embedded in a string (a `last-applied-configuration`, an Argo resource manifest). */
export interface EmbeddedSecret {
  /** which document: the annotation's JSON or a `resource.manifest`'s YAML */
  readonly document: 'last-applied-configuration' | 'resource manifest';
  /** the embedded object's kind, when it has one */
  readonly kind?: string;
  /** where inside the embedded document, e.g. `stringData.password` */
  readonly path: string;
}

/** One secret value found in an object. */
export interface SecretFinding {
  /** the value's path in the object; for a secret inside an embedded document, the path of the string holding it */
  readonly path: readonly SecretPathSegment[];
  readonly kind: SecretKind;
  /** `credential`: what it is ("an AWS access key id"); `named`: why the value counts as secret */
  readonly what: string;
  /** `named`: the name or key; `secret-data`: the key */
  readonly name?: string;
  /** `named`: where the name/value pair sits */
  readonly place?: NamedPlace;
  /** `secret-data`: the value is empty (still masked, but nothing leaks) */
  readonly blank?: boolean;
  /** set when the secret is inside an embedded document */
  readonly embedded?: EmbeddedSecret;
}

/** What a secret scan of one object found, and the object with those values masked. */
export interface SecretScan {
  readonly findings: readonly SecretFinding[];
  /** the object with each finding's value replaced by {@link MASKED}: a copy, or the object itself when nothing was found */
  readonly masked: unknown;
}


/** ` (in the embedded Secret manifest, at stringData.password)`, or '' for a finding in the object itself. */
export function embeddedSuffix(f: SecretFinding): string {
  if (!f.embedded) return '';
  const what = f.embedded.document === 'last-applied-configuration' ? 'the last-applied-configuration annotation'
    : f.embedded.kind ? `the embedded ${f.embedded.kind} manifest` : 'the embedded manifest';
  return ` (in ${what}, at ${f.embedded.path})`;
}
