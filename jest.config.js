/** Type checking runs once in `npm test` (tsc --noEmit); ts-jest only transpiles, which keeps the suite fast. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  // TypeScript first: a `.js` left by `npm run build` (lib/x.js beside lib/x.ts) must never shadow the source.
  moduleFileExtensions: ['ts', 'js', 'json'],
  // `import ... from 'kfops'` (the pipelines, as a user's project writes it) is this repository's own source.
  moduleNameMapper: { '^kfops$': '<rootDir>/lib/index.ts' },
  testTimeout: 60000,
  // Jest's default is one worker fewer than the cores: one on CI's two. Many suites wait on the child processes
  // they start (git, synth, the bin), so a worker per core keeps both busy: the suite takes about half the time.
  maxWorkers: '100%',
  // One temporary folder per run, removed at its end (tests and the libraries they drive use os.tmpdir()).
  globalSetup: '<rootDir>/test/helpers/temp-root-setup.js',
  globalTeardown: '<rootDir>/test/helpers/temp-root-teardown.js',
};
