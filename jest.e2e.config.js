/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/e2e"],
  setupFilesAfterEnv: ["<rootDir>/__tests__/support/every-test-asserts.ts"],
  testMatch: ["**/*.e2e.test.ts"],
  testTimeout: 120_000,
  // With CI=true a missing Terraform fails the run instead of skipping it.
  globalSetup: "<rootDir>/e2e/support/require-terraform.ts",
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.test.json" }] },
};
