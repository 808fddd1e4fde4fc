/**
 * The unit suite as Stryker runs it against each mutant: the same tests minus those that
 * only exercise compiled output (`dist/`, which Stryker does not rebuild per mutant) or
 * spawn whole processes, which kill no mutant and would make every mutant slow.
 * @type {import('jest').Config}
 */
const base = require("./jest.config.js");

module.exports = {
  ...base,
  testPathIgnorePatterns: ["/node_modules/", "/__tests__/compiled-app\\.test\\.ts$"],
};
