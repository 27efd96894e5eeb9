#!/usr/bin/env node
// The package bin. See ../load-entry.js for why it runs either the TypeScript source or the compiled JavaScript.
const { main } = require('../load-entry')(__dirname, 'main');

// A reader that stops early (`kfops validate --format json | head`) is not kfops' failure: the rest of the output
// has nowhere to go, and the command still ends with its own exit code. Other write errors stay errors.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code !== 'EPIPE') throw err;
  });
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => {
    console.error(err);
    process.exitCode = 2;
  },
);
