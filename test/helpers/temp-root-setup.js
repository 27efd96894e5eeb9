// Every test's temporary folders (its own mkdtemp calls, cdk8s's Testing.app outdirs, the CLI children it starts)
// go under one folder per run, which the teardown removes: a run leaves nothing behind in the machine's /tmp.
const fs = require('fs');
const os = require('os');
const path = require('path');

module.exports = async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-jest-'));
  process.env.KFOPS_JEST_TEMP_ROOT = root;
  // os.tmpdir() reads TMPDIR on every call, and the test workers and their children inherit the environment.
  process.env.TMPDIR = root;
};
