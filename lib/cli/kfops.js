#!/usr/bin/env node
// The package bin: kfops is written in TypeScript and run through tsx's CommonJS hook, so there is no build step.
require('tsx/cjs');
const { main } = require('./main.ts');

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => {
    console.error(err);
    process.exitCode = 2;
  },
);
