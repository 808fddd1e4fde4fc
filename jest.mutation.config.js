/**
 * The unit suite as Stryker runs it against each mutant: the same in-process tests, minus
 * those that cannot kill a mutant of `src/` and would only make every mutant slow:
 * - tests of compiled output (`dist/`, which Stryker does not rebuild per mutant) or of
 *   shell scripts that call it: compiled-app (the integration tests, ci-scripts and the
 *   README walk-through included, are left out by jest.config.js already; a target's list
 *   may name one, `base-synth.integration`, when it tests that code in process);
 * - tests that spawn other programs about files outside `src/`: npm-scripts (scripts/env.sh),
 *   workflows (action-validator on .github/), private-file (src/private-file.ts is not
 *   mutated), sim-rate-limit (the simulator);
 * - the simulator's own unit tests (sim/ is not mutated).
 * Each mutant then runs only in the test files that reached it during Stryker's initial run
 * (`__tests__/support/stryker-test-sequencer.js`), static mutants included.
 *
 * A run over one folder or file (`npm run test:mutation -- src/validate/secrets.ts`;
 * scripts/mutation/run.js sets MUTATION_TARGET) uses only the test files listed for it below:
 * in-process tests with exact assertions on fixtures of their own. Code that every file read
 * goes through (secret detection, the schema) is covered by every validation test, and the
 * fleet-wide tests (invariants, snapshots, stacks, synth) build whole fleets while they
 * load, which makes such mutants "static": without this list each mutant runs hundreds of
 * tests, minutes per mutant on two cores. A target's score is so a floor, what its own
 * tests catch. A target not listed, and the full run (the scheduled workflow), use every file.
 * @type {import('jest').Config}
 */
const base = require("./jest.config.js");

const TESTS_BY_TARGET = {
  "src/validate/secrets.ts": ["secret-detection", "validation-errors"],
  "src/validate/schema-issues.ts": ["schema-messages"],
  "src/review/plan-risks.ts": ["risk-rules"],
  "src/review/plan-details.ts": ["plan-details", "plan-markdown"],
  "src/review/plan-file.ts": ["plan-file-reading", "risk-rules", "plan-details"],
  "src/review/plan-objects.ts": ["plan-objects", "plan-details", "risk-rules"],
  "src/review/plan-markdown.ts": ["plan-markdown"],
  "src/review/platform-ripple.ts": ["platform-ripple"],
  "src/review/escape.ts": ["escape", "phrase"],
  "src/review/phrase.ts": ["phrase", "escape"],
  "src/review/change-scope.ts": ["change-scope"],
  "src/review/affected.ts": ["affected-stacks"],
  "src/review/git-changes.ts": ["git-changes"],
  "src/review/base-synth.ts": ["base-synth.integration"],
  "src/review/same-code-comparison.ts": ["same-code-comparison.integration"],
  "src/review": ["risk-rules", "plan-objects", "plan-details", "plan-markdown", "plan-file-reading", "platform-ripple", "escape", "phrase", "change-scope", "affected-stacks", "git-changes", "base-synth.integration", "same-code-comparison.integration"],
  "src/model/auth0-limits.ts": ["auth0-naming-rules", "sim-rules-agreement", "validation-errors"],
  "src/model/secret-variables.ts": ["secret-variable-names"],
  "src/model/rule.ts": ["schema-messages"],
  "src/model/public-key.ts": ["public-key-reading"],
  "src/cli/io.ts": ["terminal-output", "strict-input", "cli-main", "cli-tenants"],
  "src/cli/main.ts": ["cli-usage", "cli-main"],
  "src/cli/list-command.ts": ["cli-tenants", "tenant-commands", "cli-main"],
  "src/cli/new-command.ts": ["cli-tenants", "tenant-commands", "cli-main"],
  "src/cli/validate-command.ts": ["cli-tenants", "tenant-commands", "strict-input", "cli-main"],
  "src/cli/plan-summary-command.ts": ["plan-summary", "plan-summary-markdown", "plan-summary-gate"],
  "src/cli/affected-command.ts": ["affected", "affected-proportional"],
  "src/cli/local-command.ts": ["local-command.integration", "cli-main"],
  "src/load/visible-text.ts": ["hidden-characters"],
  "src/load/json-document.ts": ["json-reading"],
  "src/load/config-files.ts": ["config-file-reading"],
  "src/errors.ts": ["error-messages"],
  "src/app.ts": ["synth-command", "cdktf-internals"],
  "src/stacks/state-backend.ts": ["state-backend"],
  "src/stacks/platform-stack.ts": ["platform-stack"],
  "src/stacks/platform-self-service.ts": ["enterprise-stack", "platform-stack"],
  "src/stacks/platform-outputs.ts": ["platform-stack", "tenant-stack", "enterprise-stack"],
  "src/stacks/tenant-stack.ts": ["tenant-stack", "tenant-branding", "enterprise-stack"],
  "src/stacks/tenant-members.ts": ["tenant-stack"],
  "src/stacks/tenant-agents.ts": ["tenant-stack", "enterprise-stack"],
  "src/stacks/tenant-connection-links.ts": ["tenant-stack", "enterprise-stack"],
  "src/stacks/tenant-discovery-domains.ts": ["enterprise-stack", "tenant-stack"],
  "src/stacks/tenant-enterprise-connection.ts": ["enterprise-stack", "tenant-stack"],
  "src/stacks/removed-block.ts": ["enterprise-stack"],
  "src/stacks/skip-cross-stack-pass.ts": ["cdktf-internals"],
  "src/stacks": ["tenant-stack", "tenant-branding", "platform-stack", "enterprise-stack", "state-backend"],
  "src/synth/output-folder.ts": ["output-folder", "output-not-writable"],
  "src/synth/synth-command.ts": ["synth-command", "synth-command-outcomes", "output-folder", "synth-threads"],
  "src/synth/synth-stacks.ts": ["synth-command"],
  "src/synth/terraform-version-once.ts": ["terraform-version-once"],
  "src/synth/without-token-stack-traces.ts": ["cdktf-internals"],
  "src/synth/compare-output.ts": ["synth-output-reading"],
  "src/synth/parallel-synth.ts": ["parallel-synth"],
  "src/synth": ["synth-command", "output-folder", "output-not-writable", "terraform-version-once", "cdktf-internals", "synth-output-reading", "parallel-synth", "synth-threads", "synth-command-outcomes"],
  "src/model/tenant-file.ts": ["tenant-file-schema", "json-schemas"],
  "src/model/enterprise.ts": ["enterprise-schema", "json-schemas"],
  "src/model/platform-file.ts": ["platform-file-schema", "json-schemas"],
  "src/model/state-backend-file.ts": ["json-schemas", "fleet-check"],
  "src/model/json-schemas.ts": ["json-schemas"],
  "src/model/types.ts": ["member-addresses"],
  "src/model": [
    "auth0-naming-rules",
    "sim-rules-agreement",
    "validation-errors",
    "secret-variable-names",
    "schema-messages",
    "public-key-reading",
    "tenant-file-schema",
    "enterprise-schema",
    "platform-file-schema",
    "json-schemas",
    "fleet-check",
    "member-addresses",
  ],
  "src/validate/duplicates.ts": ["tenant-file-rules", "platform-file-rules"],
  "src/validate/platform-rules.ts": ["platform-file-rules"],
  "src/validate/enterprise-rules.ts": ["tenant-file-rules"],
  "src/validate/fleet-rules.ts": ["fleet-wide-claims"],
  "src/validate/tenant-rule-view.ts": ["tenant-file-rules", "fleet-wide-claims"],
  "src/validate/tenant-rules.ts": ["tenant-file-rules"],
  "src/validate/validate-fleet.ts": ["fleet-check"],
  "src/validate": [
    "validation-errors",
    "strict-input",
    "enterprise-validation",
    "member-and-adoption-rules",
    "state-backend",
    "secret-detection",
    "schema-messages",
    "tenant-file-rules",
    "platform-file-rules",
    "fleet-wide-claims",
    "fleet-check",
  ],
  "src/cli": ["cli-usage", "cli-main", "cli-tenants", "tenant-commands", "terminal-output", "strict-input", "local-command.integration", "plan-summary", "plan-summary-markdown", "plan-summary-gate", "affected", "affected-proportional"],
  "src/load": ["json-reading", "hidden-characters", "config-file-reading", "validation-errors"],
};
const targetTests = TESTS_BY_TARGET[process.env.MUTATION_TARGET ?? ""];

const notKillingMutants = ["compiled-app", "npm-scripts", "workflows", "private-file", "sim-rate-limit"];

module.exports = {
  ...base,
  // src too: jest finds the tests related to a file (Stryker's enableFindRelatedTests) only through
  // files it indexes, and a test reaches most of src/ through other src/ files (stacks through app.ts).
  roots: ["<rootDir>/__tests__", "<rootDir>/src"],
  testMatch: targetTests ? targetTests.map((name) => `<rootDir>/__tests__/${name}.test.ts`) : base.testMatch,
  setupFilesAfterEnv: [...base.setupFilesAfterEnv, "<rootDir>/__tests__/support/stryker-mutant-hits.js"],
  testSequencer: "<rootDir>/__tests__/support/stryker-test-sequencer.js",
  testPathIgnorePatterns: ["/node_modules/", ...notKillingMutants.map((name) => `/__tests__/${name}\\.test\\.ts$`)],
};
