/**
 * The OCI / Docker image reference grammar (`[host[:port]/]path[:tag][@digest]`), as the container runtime parses
 * `image:` fields.
 * @see https://github.com/distribution/reference/blob/main/reference.go
 */

const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = new RegExp(`^(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]+)?$`);
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const DIGEST_LENGTHS: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };
const NAME_MAX = 255;

/** An example reference, shown in error messages next to the grammar. */
export const IMAGE_REFERENCE_EXAMPLE = "'gcr.io/my-project/trainer:1.4.0'";

/**
 * Why `image` is not an image reference, or undefined when it is. The first path component is a registry host when
 * it contains '.' or ':' or is `localhost` (Docker's rule), so `my/image` is a Docker Hub path.
 */
export function imageReferenceProblem(image: string): string | undefined {
  if (image === '') return 'it is empty';
  if (/\s/.test(image)) return 'it contains whitespace';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(image)) return 'it is a URL; drop the scheme (e.g. https://)';
  let rest = image;
  const at = rest.indexOf('@');
  if (at >= 0) {
    const digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return `digest '${digest}' is not <algorithm>:<hex> with at least 32 hex digits`;
    const [algorithm, hex] = digest.split(':');
    const length = DIGEST_LENGTHS[algorithm];
    if (length !== undefined && hex.length !== length) return `a ${algorithm} digest has ${length} hex digits, got ${hex.length}`;
  }
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) {
    const tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return `tag '${tag}' must be 1-128 letters, digits, '_', '.' or '-', not starting with '.' or '-'`;
  }
  if (rest === '') return 'the repository name is missing';
  if (rest.length > NAME_MAX) return `the repository name is longer than ${NAME_MAX} characters`;
  const components = rest.split('/');
  const first = components[0];
  if (components.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    if (!DOMAIN.test(first)) return `registry '${first}' is not a host name with an optional port`;
    components.shift();
  }
  const bad = components.find((c) => !PATH_COMPONENT.test(c));
  if (bad !== undefined) {
    if (bad === '') return "the repository path has an empty component (a leading, trailing or doubled '/')";
    return bad.toLowerCase() !== bad && PATH_COMPONENT.test(bad.toLowerCase())
      ? `repository path '${components.join('/')}' must be lowercase`
      : `repository path component '${bad}' must be lowercase letters and digits, separated by '.', '_', '__' or '-'`;
  }
  return undefined;
}
