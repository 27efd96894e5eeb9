import { configSecrets, isRemoteUrl, redact, remoteSecrets } from '../../lib/publish/redact';
import { corpus, UrlCase } from './hostile-corpus';

describe('redact by shape', () => {
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
    ["'https://ci:it's@host/x'", "'https://***@host/x'"],
    ['https://ci:say"hi"@host/x', 'https://***@host/x'],
    ['https://u%40corp:p%3Ass@host/x', 'https://***@host/x'],
    ['https://host/deploy.git?access_token=abc123', 'https://host/deploy.git?***'],
    ['cannot reach https://host/x.git?token=abc: fatal', 'cannot reach https://host/x.git?***: fatal'],
    ["fatal: unable to access 'https://host/x.git/?private_token=abc': 403", "fatal: unable to access 'https://host/x.git/?***': 403"],
    ['ci:tok3n@host:org/repo.git', '***@host:org/repo.git'],
    ["'ci:tok3n@host:org/repo.git'", "'***@host:org/repo.git'"],
    ['password=hunter22 username=ci', 'password=*** username=ci'],
    ['GET /x?token=abc&x=1', 'GET /x?token=***&x=1'],
    ['http.extraHeader=Authorization: Bearer eyJhbGciOi.x.y', 'http.extraHeader=Authorization: Bearer ***'],
    ['AUTHORIZATION: basic eC1hY2Nlc3MtdG9rZW46Z2hz', 'AUTHORIZATION: basic ***'],
    ['Authorization: ghp_rawtoken', 'Authorization: ***'],
    ['PRIVATE-TOKEN: glpat-123', 'PRIVATE-TOKEN: ***'],
    ['X-Auth-Token: abc', 'X-Auth-Token: ***'],
    ['Cookie: session=abc; other=def', 'Cookie: ***'],
    // What is no credential stays as it is.
    ['https://github.com/acme/deploy.git', 'https://github.com/acme/deploy.git'],
    ['git@github.com:acme/deploy.git', 'git@github.com:acme/deploy.git'],
    ['/srv/git/deploy.git', '/srv/git/deploy.git'],
    ['mail me at ops@example.com', 'mail me at ops@example.com'],
    ['! HEAD:refs/heads/main [remote rejected] (pre-receive hook declined)', '! HEAD:refs/heads/main [remote rejected] (pre-receive hook declined)'],
  ])('%s', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });
});

describe('redact with the remote\'s secrets (test/fixtures/hostile/publish/urls.yaml)', () => {
  const cases = corpus<UrlCase[]>('urls.yaml').map((c) => ({ ...c, url: c.url.replace('{host}', 'git.example.com:8443') }));

  test.each(cases.map((c) => [c.name, c] as const))('%s: no secret in the URL or in messages quoting it', (_name, c) => {
    const secrets = remoteSecrets(c.url);
    const decoded = (() => { try { return decodeURIComponent(c.url); } catch { return c.url; } })();
    for (const text of [
      c.url,
      `fatal: unable to access '${c.url}/': Failed to connect to git.example.com port 8443`,
      `fatal: repository "${c.url}" not found`,
      `remote: rejected ${decoded}`,
      `To ${c.url}\n ! [rejected] HEAD -> main (fetch first)`,
    ]) {
      const out = redact(text, secrets);
      for (const secret of c.secrets) expect(out).not.toContain(secret);
      expect(out).toContain('git.example.com');
    }
  });
});

describe('remoteSecrets', () => {
  test.each([
    ['https://ci:tok@host/x', ['ci:tok', 'tok']],
    ['https://tok3n@host/x', ['tok3n']],
    ['https://host/x?access_token=abc&b=2', ['access_token=abc&b=2', 'abc', '2']],
    ['https://a%20b:c%3Ad@host/x', ['a%20b:c%3Ad', 'c%3Ad', 'a b:c:d', 'c:d']],
    ['ci:pw@host:org/repo', ['ci:pw', 'pw']],
    ['git@github.com:org/repo', []],
    ['https://github.com/org/repo', []],
    ['/srv/deploy.git', []],
  ])('%s', (remote, expected) => {
    expect(remoteSecrets(remote)).toEqual(expected);
  });

  test('a secret is redacted wherever it occurs, however it is quoted around', () => {
    const secrets = remoteSecrets('https://ci:two words@host/x');
    expect(redact('auth for "two words" failed', secrets)).toBe('auth for "***" failed');
  });
});

describe('configSecrets', () => {
  test('the values of http.extraHeader given as GIT_CONFIG_KEY_n / GIT_CONFIG_VALUE_n', () => {
    const env = {
      GIT_CONFIG_COUNT: '2',
      GIT_CONFIG_KEY_0: 'http.https://github.com/.extraheader',
      GIT_CONFIG_VALUE_0: 'AUTHORIZATION: basic eC1hY2Nlc3M=',
      GIT_CONFIG_KEY_1: 'core.sshCommand',
      GIT_CONFIG_VALUE_1: 'ssh -i key',
    };
    expect(configSecrets(env)).toEqual(['basic eC1hY2Nlc3M=', 'eC1hY2Nlc3M=']);
    expect(redact('header eC1hY2Nlc3M= was refused', configSecrets(env))).toBe('header *** was refused');
  });
});

describe('isRemoteUrl', () => {
  test.each([
    ['https://github.com/a/b.git', true],
    ['ssh://git@host/a.git', true],
    ['file:///srv/git/a.git', true],
    ['git@github.com:acme/deploy.git', true],
    ['ci:tok3n@host:org/repo.git', true],
    ['host:repo.git', true],
    ['../deploy.git', false],
    ['/srv/git/deploy.git', false],
    ['./a:b', false],
    ['deploy', false],
  ])('%s -> %s', (repo, expected) => {
    expect(isRemoteUrl(repo)).toBe(expected);
  });
});
