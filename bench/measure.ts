import { spawnSync } from 'child_process';

/** Wall time, CPU time and peak resident memory of one command. */
export interface Measurement {
  readonly seconds: number;
  readonly peakMiB: number;
  /** user + system CPU seconds, summed over the command's processes: steadier than wall time on a shared machine */
  readonly cpuSeconds: number;
}

/**
 * Runs `command` through GNU time and reads back its wall time and peak RSS; throws with the command's stderr
 * when it fails, so a broken benchmark never reports a number.
 */
export function measure(command: string, options: { cwd: string; env?: NodeJS.ProcessEnv }): Measurement {
  const res = spawnSync('/usr/bin/time', ['-f', 'KFOPS_TIME %e %M %U %S', 'bash', '-c', command], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const line = res.stderr.split('\n').find((l) => l.startsWith('KFOPS_TIME '));
  if (res.status !== 0 || !line) throw new Error(`benchmark command failed: ${command}\n${res.stderr}`);
  const [, seconds, kib, user, system] = line.split(' ');
  return { seconds: Number(seconds), peakMiB: Math.round(Number(kib) / 1024), cpuSeconds: Number(user) + Number(system) };
}

/** The median of repeated measurements (by time). */
export function median(runs: Measurement[]): Measurement {
  const sorted = [...runs].sort((a, b) => a.seconds - b.seconds);
  return sorted[Math.floor(sorted.length / 2)];
}
