/**
 * Every test must assert something: a test whose loop ran over nothing, or whose only check
 * sat in a branch that was skipped, fails instead of passing empty. (jest
 * `setupFilesAfterEnv`, for the unit and the end-to-end suites alike.)
 */
beforeEach(() => {
  expect.hasAssertions();
});
