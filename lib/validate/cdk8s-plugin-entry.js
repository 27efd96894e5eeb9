// The require()-able entry cdk8s.yaml `validations:` points at (cdk8s loads plugins with plain require()); it loads
// the TypeScript source or the compiled plugin, see ../load-entry.js.
module.exports = require('../load-entry')(__dirname, 'cdk8s-plugin');
