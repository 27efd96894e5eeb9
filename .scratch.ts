import { diffTrees } from './lib/diff/semantic-diff';
(async () => {
  const d = await diffTrees('test/fixtures/diff/pr-train-steps/base', 'test/fixtures/diff/pr-train-steps/head');
  console.log(JSON.stringify(d.runs, null, 1));
})();
