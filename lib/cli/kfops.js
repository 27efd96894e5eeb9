#!/usr/bin/env node
// The package bin. See ../load-entry.js for why it runs either the TypeScript source or the compiled JavaScript.
const { main } = require('../load-entry')(__dirname, 'main');

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => {
    console.error(err);
    process.exitCode = 2;
  },
);
