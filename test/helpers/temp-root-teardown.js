// Removes the run's temporary folder made by temp-root-setup.js.
const fs = require('fs');

module.exports = async () => {
  const root = process.env.KFOPS_JEST_TEMP_ROOT;
  if (root) fs.rmSync(root, { recursive: true, force: true, maxRetries: 3 });
};
