// What the Pulumi CLI loads. Its policy-pack runner require()s this folder's "main" after registering its own
// ts-node for .ts files, which cannot compile this ESM TypeScript workspace; tsx's loader imports the pack instead,
// as it runs the stacks. The runner awaits the exported promise.
module.exports = import("tsx/esm/api").then(({ register }) => {
  register();
  return import("./src/index.ts");
});
