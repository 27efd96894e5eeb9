import { own } from '../own';

/**
 * The OCI / Docker image reference grammar (`[host[:port]/]path[:tag][@digest]`), as the kubelet reads `image:`
 * fields before it pulls (`ParseNormalizedNamed` of distribution/reference, with go-digest's digest checks).
 * @see https://github.com/distribution/reference/blob/main/normalize.go
 * @see https://github.com/distribution/reference/blob/main/regexp.go
 * @see https://github.com/opencontainers/go-digest/blob/master/digest.go
 */

const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = new RegExp(`^(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?$`);
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
/** The algorithms a kubelet has registered (go-digest's, backed by Go's crypto), with their hex lengths. */
const DIGEST_LENGTHS: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };
/** An image ID (`docker images --no-trunc` without `sha256:`), which the kubelet refuses as a name. */
const IMAGE_ID = /^[a-f0-9]{64}$/;
const PATH_MAX = 255;

/** An example reference, shown in error messages next to the grammar. */
export const IMAGE_REFERENCE_EXAMPLE = "'gcr.io/my-project/trainer:1.4.0'";

/** What is wrong with an image reference. */
export interface ImageReferenceFinding {
  /** why, as a clause after "image "x" is not an image reference:" */
  readonly problem: string;
  /**
   * True when the kubelet refuses the reference (the container waits in `InvalidImageName`, whatever the
   * registry holds); false when the kubelet reads it, but not as it was most likely meant.
   */
  readonly kubeletRefuses: boolean;
}

/**
 * What the kubelet makes of an image reference: undefined when it is a reference as meant. The first path
 * component is a registry host when it contains '.' or ':', is `localhost`, or has uppercase letters (Docker's
 * rule), so `my/image` is a Docker Hub path and `My/image` a host named `My`.
 */
export function imageReferenceFinding(image: string): ImageReferenceFinding | undefined {
  const refused = (problem: string): ImageReferenceFinding => ({ problem, kubeletRefuses: true });
  if (image === '') return refused('it is empty');
  if (/\s/.test(image)) return refused(image.trim() === '' ? 'it is blank' : 'it contains whitespace');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(image)) return refused('it is a URL; drop the scheme (e.g. https://)');
  if (IMAGE_ID.test(image)) return refused('it is a 64-digit image ID, not a repository name; write repository@sha256:<id>');
  const slash = image.indexOf('/');
  const first = slash < 0 ? '' : image.slice(0, slash);
  const hasHost = first.includes('.') || first.includes(':') || first === 'localhost' || first.toLowerCase() !== first;
  const host = hasHost ? first : undefined;
  let rest = hasHost ? image.slice(slash + 1) : image;
  const at = rest.indexOf('@');
  if (at >= 0) {
    const problem = digestProblem(rest.slice(at + 1));
    if (problem) return refused(problem);
    rest = rest.slice(0, at);
  }
  // Neither the path nor the host after it holds ':', so the first one starts the tag.
  const colon = rest.indexOf(':');
  const tag = colon >= 0 ? rest.slice(colon + 1) : undefined;
  if (colon >= 0) rest = rest.slice(0, colon);
  if (rest === '') return refused('the repository name is missing');
  if (tag !== undefined && !TAG.test(tag)) return refused(`tag '${tag}' must be 1-128 letters, digits, '_', '.' or '-', not starting with '.' or '-'`);
  if (host !== undefined && !DOMAIN.test(host)) return refused(`registry '${host}' is not a host name with an optional port`);
  // Docker Hub names of one component are library/<name>.
  if ((host === undefined && !rest.includes('/') ? 8 : 0) + rest.length > PATH_MAX) {
    return refused(`the repository path is longer than ${PATH_MAX} characters`);
  }
  const components = rest.split('/');
  const bad = components.find((c) => !PATH_COMPONENT.test(c));
  if (bad !== undefined) {
    if (bad === '') return refused("the repository path has an empty component (a leading, trailing or doubled '/')");
    return refused(bad.toLowerCase() !== bad && PATH_COMPONENT.test(bad.toLowerCase())
      ? `repository path '${rest}' must be lowercase`
      : `repository path component '${bad}' must be lowercase letters and digits, separated by '.', '_', '__' or '-'`);
  }
  if (host !== undefined && !/[.:]/.test(host) && host !== 'localhost') {
    return {
      problem: `'${host}' has uppercase letters, so the kubelet reads it as a registry host, not a Docker Hub account`
        + ` (write '${host.toLowerCase()}/${image.slice(slash + 1)}' for Docker Hub)`,
      kubeletRefuses: false,
    };
  }
  return undefined;
}

/**
 * Why `image` is not an image reference as meant, or undefined when it is: any {@link imageReferenceFinding},
 * whether the kubelet refuses it or reads it otherwise.
 */
export function imageReferenceProblem(image: string): string | undefined {
  return imageReferenceFinding(image)?.problem;
}

/** go-digest's `Digest.Validate`: the grammar, an algorithm the kubelet knows, and its length in lowercase hex. */
function digestProblem(digest: string): string | undefined {
  if (!DIGEST.test(digest)) return `digest '${digest}' is not <algorithm>:<hex> with at least 32 hex digits`;
  const [algorithm, hex] = digest.split(':');
  const length = own(DIGEST_LENGTHS, algorithm);
  if (length === undefined) return `digest algorithm '${algorithm}' is not one the kubelet knows (${Object.keys(DIGEST_LENGTHS).join(', ')})`;
  if (hex.length !== length) return `a ${algorithm} digest has ${length} hex digits, got ${hex.length}`;
  if (/[A-F]/.test(hex)) return `the ${algorithm} digest must be lowercase hex`;
  return undefined;
}
