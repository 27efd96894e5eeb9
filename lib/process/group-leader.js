// The leader of a process group whose command must not outlive the kfops process that started it
// (spawnGroup's stopWithParent, ./process-group.ts): `kfops synth` killed with SIGKILL must not leave its app
// running and writing into a staging folder nobody will use. Plain JavaScript, so it starts in milliseconds.
//
//   node group-leader.js '{"command":..., "args":[...], "shell":false, "graceMs":5000}'
//
// It runs the command in its own group (the group kfops made for it), with stdout and stderr as given, and ends
// the way the command ended (same exit code, or killed by the same signal). Its stdin is a pipe kfops never
// writes to: when it closes, kfops is gone, and the leader stops the group: SIGTERM, then SIGKILL after graceMs.
// Signals kfops sends reach the whole group, the command included, so the leader only waits for the command.
'use strict';
const { spawn } = require('child_process');

const task = JSON.parse(process.argv[2]);
const child = spawn(task.command, task.args, { stdio: ['ignore', 'inherit', 'inherit'], shell: task.shell });

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const ignore = () => undefined;
for (const signal of STOP_SIGNALS) process.on(signal, ignore);

let orphaned = false;
function parentGone() {
  if (orphaned) return;
  orphaned = true;
  process.kill(0, 'SIGTERM');
  setTimeout(() => process.kill(0, 'SIGKILL'), task.graceMs);
}
process.stdin.on('end', parentGone);
process.stdin.on('error', parentGone);
process.stdin.resume();

child.on('error', (err) => {
  process.stderr.write(`${err.message}\n`);
  process.exit(127);
});
child.on('exit', (code, signal) => {
  // Nobody waits for the outcome any more: whatever the command left running goes with the leader.
  if (orphaned) process.kill(0, 'SIGKILL');
  if (signal) {
    for (const s of STOP_SIGNALS) process.off(s, ignore);
    process.kill(process.pid, signal);
  }
  process.exit(code ?? 1);
});
