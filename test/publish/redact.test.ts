import { isRemoteUrl, redact } from '../../lib/publish/redact';

describe('redact', () => {
  test.each([
    ['https://user:token@github.com/acme/deploy.git', 'https://***@github.com/acme/deploy.git'],
    ['https://x-access-token:ghs_abc123@github.com/a/b', 'https://***@github.com/a/b'],
    ['https://oauth2@gitlab.com/a/b', 'https://***@gitlab.com/a/b'],
    ['ssh://git:pw@host:2222/repo.git', 'ssh://***@host:2222/repo.git'],
    [
      "fatal: unable to access 'https://ci:s3cret@git.example.com/deploy.git/': Could not resolve host",
      "fatal: unable to access 'https://***@git.example.com/deploy.git/': Could not resolve host",
    ],
    ['two: http://a:b@h1/x and https://c:d@h2/y', 'two: http://***@h1/x and https://***@h2/y'],
    ['https://ci:p@ss@host/deploy.git', 'https://***@host/deploy.git'],
    ['https://oauth2:abc/def@host/deploy.git', 'https://***@host/deploy.git'],
    ['https://github.com/acme/deploy.git', 'https://github.com/acme/deploy.git'],
    ['git@github.com:acme/deploy.git', 'git@github.com:acme/deploy.git'],
    ['/srv/git/deploy.git', '/srv/git/deploy.git'],
    ['mail me at ops@example.com', 'mail me at ops@example.com'],
  ])('%s', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });
});

describe('isRemoteUrl', () => {
  test.each([
    ['https://github.com/a/b.git', true],
    ['ssh://git@host/a.git', true],
    ['file:///srv/git/a.git', true],
    ['git@github.com:acme/deploy.git', true],
    ['../deploy.git', false],
    ['/srv/git/deploy.git', false],
    ['deploy', false],
  ])('%s -> %s', (repo, expected) => {
    expect(isRemoteUrl(repo)).toBe(expected);
  });
});
