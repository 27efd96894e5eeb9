import { simpleGit, SimpleGit } from 'simple-git';

/**
 * Variables through which a CI job hands git its credentials and SSH setup (deploy keys via
 * `GIT_SSH_COMMAND`, askpass helpers, an isolated global config). They pass through to git.
 */
const CREDENTIAL_VARIABLES = [
  'GIT_ASKPASS',
  'SSH_ASKPASS',
  'GIT_SSH',
  'GIT_SSH_COMMAND',
  'GIT_SSH_VARIANT',
  'GIT_CONFIG_GLOBAL',
  'GIT_CONFIG_SYSTEM',
  'GIT_CONFIG_NOSYSTEM',
  'GIT_CONFIG_COUNT',
];

/**
 * Editor and pager variables: publish never opens either, and simple-git refuses to run with them set
 * explicitly. Every other `GIT_*` variable is dropped as well: `GIT_DIR` or `GIT_WORK_TREE` (set when kfops
 * runs inside a git hook) would point git at the wrong repository.
 */
const DROPPED = new Set(['EDITOR', 'VISUAL', 'PAGER', 'PREFIX']);

/**
 * A simple-git instance for `baseDir` that never prompts (a CI job waiting for a password would hang), speaks
 * English (push rejections are recognised in git's output), and keeps the caller's credential variables.
 * `config` entries (`user.name=kfops`) are passed to every command as `-c`.
 */
export function createGit(baseDir: string, config: string[] = [], env: NodeJS.ProcessEnv = process.env): SimpleGit {
  const configCount = Number(env.GIT_CONFIG_COUNT ?? 0);
  const allowed = new Set([
    ...CREDENTIAL_VARIABLES,
    ...Array.from({ length: Number.isInteger(configCount) ? configCount : 0 }, (_, i) => [
      `GIT_CONFIG_KEY_${i}`,
      `GIT_CONFIG_VALUE_${i}`,
    ]).flat(),
  ]);
  const childEnv: NodeJS.ProcessEnv = { GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' };
  for (const [key, value] of Object.entries(env)) {
    const upper = key.toUpperCase();
    if (DROPPED.has(upper) || (upper.startsWith('GIT_') && !allowed.has(upper))) continue;
    if (key !== 'LC_ALL') childEnv[key] = value;
  }
  return simpleGit({
    baseDir,
    config,
    allowEnvironment: [...allowed, 'GIT_TERMINAL_PROMPT'],
    // The job's own environment chose these; they are not input an attacker controls.
    unsafe: {
      allowUnsafeAskPass: true,
      allowUnsafeSshCommand: true,
      allowUnsafeConfigPaths: true,
      allowUnsafeConfigEnvCount: true,
    },
  }).env(childEnv);
}
