/** @type {import('jest').Config} */
// npm run test:auth0: the story against a real Auth0 development tenant (e2e/auth0.real.test.ts).
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/e2e"],
  testMatch: ["**/auth0.real.test.ts"],
  testTimeout: 900_000,
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.test.json" }] },
};
