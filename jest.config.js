/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  // sim/test: the simulator's rules, values and store, in process (no Terraform).
  roots: ["<rootDir>/__tests__", "<rootDir>/sim/test"],
  setupFilesAfterEnv: ["<rootDir>/__tests__/support/every-test-asserts.ts"],
  // *.integration.test.ts (base builds, whole fleets, worker threads) run apart: jest.integration.config.js.
  testMatch: ["**/*.test.ts", "!**/*.integration.test.ts"],
  // Every core: jest's default leaves one free, which on two cores runs the suites one by one.
  // (Stryker runs its own processes in band whatever this says.)
  maxWorkers: "100%",
  // Type-checking is `npm run typecheck`'s job; here each file is only transpiled, so the
  // 5 MB of generated bindings are not type-checked on every run.
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.test.json" }] },
};
