// How kfops' plain-JavaScript entry points (the bin, the cdk8s plugin) load the module they stand for. In this
// repository the TypeScript source is there and runs through tsx, so editing lib/ needs no build step; the package
// ships compiled JavaScript without the sources, so there tsx is never loaded. The source wins over a compiled file
// beside it: a .js left by `npm run build` must never run instead of the code being edited.
const fs = require('fs');
const path = require('path');

/** Requires `<dir>/<name>.ts` through tsx when it exists, else the compiled `<dir>/<name>.js`. */
module.exports = function loadEntry(dir, name) {
  const source = path.join(dir, `${name}.ts`);
  if (fs.existsSync(source)) {
    require('tsx/cjs');
    return require(source);
  }
  return require(path.join(dir, `${name}.js`));
};
