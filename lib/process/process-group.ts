import { ChildProcess, spawn, SpawnOptions } from 'child_process';
import * as path from 'path';

/** How a process group's leader ended. */
export interface GroupExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** Options of {@link spawnGroup}: node's spawn options, without `detached` (a group is always detached). */
export interface SpawnGroupOptions extends Omit<SpawnOptions, 'detached'> {
  /** How long the group may take to exit after {@link ProcessGroup.stop}'s signal before it gets SIGKILL. */
  readonly graceMs: number;
  /**
   * Stop the group when this process dies, even by SIGKILL, which no handler sees: the command then runs under a
   * small leader process (lib/process/group-leader.js) that watches a pipe from this process and stops the group
   * (SIGTERM, then SIGKILL after `graceMs`) when the pipe closes. Needs stdin `'ignore'`. @default false
   */
  readonly stopWithParent?: boolean;
}

/** The leader of {@link SpawnGroupOptions.stopWithParent}: plain JavaScript, so it starts without tsx. */
const GROUP_LEADER = path.join(__dirname, 'group-leader.js');

/** Groups still running, killed when this process exits (see {@link killAllGroups}). */
const live = new Set<ProcessGroup>();

/**
 * A command running in a process group (and session) of its own, so that stopping it stops everything it started
 * (a shell and the app under it; git and its `git-remote-https`, `ssh`, hooks), and it has no terminal to prompt
 * on. {@link stop} sends a signal to the whole group and SIGKILL after the grace period; whatever is still running
 * when this process exits is killed (an `exit` listener; a `process.exit()` elsewhere included).
 */
export class ProcessGroup {
  /** Settles when the leader has exited and every process holding its output pipes has closed them. */
  readonly exited: Promise<GroupExit>;
  private stopping = false;
  private killTimer: NodeJS.Timeout | undefined;

  /** @internal use {@link spawnGroup} */
  constructor(readonly child: ChildProcess, private readonly graceMs: number) {
    live.add(this);
    this.exited = new Promise<GroupExit>((resolve, reject) => {
      child.on('error', (err) => {
        this.settled();
        reject(err);
      });
      // 'close', not 'exit': it waits until every process holding the pipes (helpers, hooks, the app) is gone.
      child.on('close', (code, signal) => {
        this.settled();
        resolve({ code, signal });
      });
    });
  }

  /** Sends `signal` to the group, then SIGKILL after the grace period unless it has ended by then. */
  stop(signal: NodeJS.Signals = 'SIGTERM'): void {
    this.signalGroup(signal);
    if (this.stopping) return;
    this.stopping = true;
    this.killTimer = setTimeout(() => this.signalGroup('SIGKILL'), this.graceMs);
    this.killTimer.unref();
  }

  /** Kills the group at once: for a process that is exiting, or a leader that left helpers behind. */
  kill(): void {
    this.signalGroup('SIGKILL');
  }

  private signalGroup(signal: NodeJS.Signals): void {
    if (this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, signal);
    } catch {
      // ESRCH: the group is gone already.
    }
  }

  private settled(): void {
    if (this.killTimer) clearTimeout(this.killTimer);
    live.delete(this);
  }
}

/** Runs `command` with `args` in a process group of its own (see {@link ProcessGroup}). */
export function spawnGroup(command: string, args: readonly string[], options: SpawnGroupOptions): ProcessGroup {
  const { graceMs, stopWithParent, ...spawnOptions } = options;
  if (!stopWithParent) return new ProcessGroup(spawn(command, args, { ...spawnOptions, detached: true }), graceMs);
  const stdio = Array.isArray(spawnOptions.stdio) ? [...spawnOptions.stdio] : [spawnOptions.stdio, spawnOptions.stdio, spawnOptions.stdio];
  if (stdio[0] !== 'ignore' && stdio[0] !== undefined) throw new Error('stopWithParent needs stdin "ignore": the leader reads stdin');
  // The leader's stdin is a pipe only this process writes to (never): it closes when this process dies.
  stdio[0] = 'pipe';
  const task = JSON.stringify({ command, args, shell: spawnOptions.shell ?? false, graceMs });
  const child = spawn(process.execPath, [GROUP_LEADER, task], { ...spawnOptions, shell: false, stdio, detached: true });
  // The pipe must stay open while we live, and nothing is written to it; its errors (the leader gone) do not matter.
  child.stdin?.on('error', () => undefined);
  return new ProcessGroup(child, graceMs);
}

/** Kills every group still running at once; for a process that is exiting and cannot wait. */
export function killAllGroups(): void {
  for (const group of live) group.kill();
}

process.on('exit', killAllGroups);
