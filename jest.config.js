/** Type checking runs once in `npm test` (tsc --noEmit); ts-jest only transpiles, which keeps the suite fast. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  // Code kfops import writes in tests lives in node_modules/.cache (so it resolves cdk8s like project code) and is run.
  transformIgnorePatterns: ['/node_modules/(?!\\.cache/)'],
  testTimeout: 60000,
};
