// Tests import engine sources directly (through tsx); make `import text from './x.sql'` behave as
// esbuild's text loader does in the bundles.
const fs = require('node:fs');
require.extensions['.sql'] = (module, filename) => {
  module.exports = { __esModule: true, default: fs.readFileSync(filename, 'utf8') };
};
