// The require()-able entry cdk8s.yaml `validations:` points at. cdk8s loads plugins with plain require(), and kfops
// is TypeScript run through tsx, so tsx's CommonJS hook is registered before the plugin module is loaded.
require('tsx/cjs');
module.exports = require('./cdk8s-plugin.ts');
