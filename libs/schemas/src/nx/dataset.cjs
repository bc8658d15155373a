// Nx loads a generator's factory with require(); the generator is TypeScript, so it is required through tsx.
const tsx = require("tsx/cjs/api");

module.exports = function dataset(tree, options) {
  const { datasetGenerator } = tsx.require("./dataset.ts", __filename);
  datasetGenerator(tree, options);
};
