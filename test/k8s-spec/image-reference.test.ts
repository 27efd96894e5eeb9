import { imageReferenceProblem } from '../../lib/k8s-spec/image-reference';

describe('image references', () => {
  test.each([
    'busybox', 'busybox:1.36', 'library/busybox:latest', 'docker.io/library/busybox:1.36.1', 'gcr.io/my-project/trainer:1.4.0',
    'ghcr.io/org/sub/image_name:v1.2.3-rc.1', 'localhost:5000/team/image', 'localhost/image:tag', 'registry.example.com:443/a/b:c',
    'my-registry.local:5000/image@sha256:4f0a2b9c3d1e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a',
    'image:1.0@sha256:4f0a2b9c3d1e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a', 'a__b/c--d.e_f:TAG_1',
    '[::1]:5000/image:1', 'tensorflow/serving:2.14.1-gpu',
  ])('%s is a reference', (image) => {
    expect(imageReferenceProblem(image)).toBeUndefined();
  });

  test.each([
    ['gcr.io/My/Extract:1.0.0', "repository path 'My/Extract' must be lowercase"],
    ['::1.0.0', "repository path component ':' must be lowercase letters and digits"],
    ['@sha256:abc', "digest 'sha256:abc' is not <algorithm>:<hex> with at least 32 hex digits"],
    ['https://gcr.io/project/image:1', 'it is a URL; drop the scheme'],
    ['image@sha256:0123456789abcdef0123456789abcdef', 'a sha256 digest has 64 hex digits, got 32'],
    ['', 'it is empty'],
    ['my image:1', 'it contains whitespace'],
    ['image:-tag', "tag '-tag' must be 1-128 letters"],
    ['repo//image', 'the repository path has an empty component'],
    ['image:', "tag '' must be 1-128 letters"],
    [':1.0', 'the repository name is missing'],
  ])('%j is refused: %s', (image, problem) => {
    expect(imageReferenceProblem(image)).toContain(problem);
  });
});
