import { imageReferenceFinding, imageReferenceProblem } from '../../lib/k8s-spec/image-reference';

const SHA256 = '4f0a2b9c3d1e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a';

/** What the kubelet's ParseNormalizedNamed (distribution/reference) and go-digest make of `image:` values. */
describe('image references', () => {
  test.each([
    'busybox', 'busybox:1.36', 'library/busybox:latest', 'docker.io/library/busybox:1.36.1', 'gcr.io/my-project/trainer:1.4.0',
    'ghcr.io/org/sub/image_name:v1.2.3-rc.1', 'localhost:5000/team/image', 'localhost/image:tag', 'registry.example.com:443/a/b:c',
    `my-registry.local:5000/image@sha256:${SHA256}`, `image:1.0@sha256:${SHA256}`, 'a__b/c--d.e_f:TAG_1',
    '[::1]:5000/image:1', 'tensorflow/serving:2.14.1-gpu', 'localhost:5000', 'Registry.Example.COM/team/app:1',
    `image@sha384:${'a'.repeat(96)}`, `image@sha512:${'0'.repeat(128)}`, `${'a'.repeat(247)}:1`,
  ])('%s is a reference', (image) => {
    expect(imageReferenceFinding(image)).toBeUndefined();
  });

  test.each([
    ['gcr.io/My/Extract:1.0.0', "repository path 'My/Extract' must be lowercase"],
    ['BUSYBOX', "repository path 'BUSYBOX' must be lowercase"],
    ['::1.0.0', 'the repository name is missing'],
    ['@sha256:abc', "digest 'sha256:abc' is not <algorithm>:<hex> with at least 32 hex digits"],
    ['https://gcr.io/project/image:1', 'it is a URL; drop the scheme'],
    [`image@sha256:${SHA256.slice(0, 32)}`, 'a sha256 digest has 64 hex digits, got 32'],
    [`image@sha256:${SHA256.toUpperCase()}`, 'the sha256 digest must be lowercase hex'],
    [`image@md5:${'0'.repeat(32)}`, "digest algorithm 'md5' is not one the kubelet knows (sha256, sha384, sha512)"],
    [SHA256, 'it is a 64-digit image ID, not a repository name'],
    ['', 'it is empty'],
    [' ', 'it is blank'],
    ['my image:1', 'it contains whitespace'],
    ['busybox:1.36 ', 'it contains whitespace'],
    ['image:-tag', "tag '-tag' must be 1-128 letters"],
    [`image:${'t'.repeat(129)}`, "must be 1-128 letters"],
    ['repo//image', 'the repository path has an empty component'],
    ['image:', "tag '' must be 1-128 letters"],
    [':1.0', 'the repository name is missing'],
    ['::1/image:1', "registry '::1' is not a host name"],
    ['my_registry.io/app', "registry 'my_registry.io' is not a host name"],
    ['registry.io/app:1:2', "tag '1:2' must be"],
    ['registry.io/-app', "repository path component '-app' must be lowercase letters and digits"],
    [`${'a'.repeat(248)}:1`, 'the repository path is longer than 255 characters'],
  ])('%j is refused: %s', (image, problem) => {
    expect(imageReferenceFinding(image)).toEqual({ problem: expect.stringContaining(problem), kubeletRefuses: true });
  });

  test('a first component with uppercase letters is read as a registry host, which is allowed but rarely meant', () => {
    expect(imageReferenceFinding('MyOrg/trainer:1.0')).toEqual({
      problem: "'MyOrg' has uppercase letters, so the kubelet reads it as a registry host, not a Docker Hub account (write 'myorg/trainer:1.0' for Docker Hub)",
      kubeletRefuses: false,
    });
    // The DSL refuses both kinds: a pipeline's own image is written to be pulled as meant.
    expect(imageReferenceProblem('MyOrg/trainer:1.0')).toContain('registry host');
  });
});
