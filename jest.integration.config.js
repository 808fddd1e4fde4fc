/**
 * npm run test:integration: the tests that take seconds to tens of seconds each on two cores
 * (a base commit built with its own code, fleets of 30 and 200 tenants synthesized, worker
 * threads of the compiled app, the CI scripts run as CI runs them, git repositories and
 * stand-in programs), kept out of `npm test` so that it stays under a minute. No Terraform.
 * @type {import('jest').Config}
 */
const unit = require("./jest.config.js");

module.exports = {
  ...unit,
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.integration.test.ts"],
  testTimeout: 300_000,
};
