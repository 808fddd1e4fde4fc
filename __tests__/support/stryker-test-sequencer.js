/**
 * Stryker only (jest.mutation.config.js). For each mutant Stryker's jest runner runs every
 * test file related to the mutated file (`findRelatedTests`), and a mutant reached while a
 * file loads (a fleet built for `test.each`, a `beforeAll`) counts as "static": every test
 * of every related file runs, loading cdktf and the provider bindings again each time,
 * minutes per mutant. This sequencer keeps only the test files that reached the active
 * mutant during Stryker's initial run (`stryker-mutant-hits.js`): a file that never executed
 * the mutated code behaves the same with the mutant active, so it cannot kill it. Files the
 * record does not know are kept; without an active mutant or a record, every file runs.
 */
const fs = require("fs");
const Sequencer = require("@jest/test-sequencer").default;
const { MUTANT_HITS_FILE } = require("./stryker-mutant-hits");

function filesReaching(mutant) {
  if (mutant === undefined || !fs.existsSync(MUTANT_HITS_FILE)) return undefined;
  const reaching = new Map();
  for (const line of fs.readFileSync(MUTANT_HITS_FILE, "utf8").split("\n")) {
    if (!line) continue;
    const { testPath, mutants } = JSON.parse(line);
    reaching.set(testPath, mutants.includes(mutant));
  }
  return reaching;
}

class OnlyFilesReachingTheMutant extends Sequencer {
  async sort(tests) {
    const sorted = await super.sort(tests);
    const reaching = filesReaching(process.env.__STRYKER_ACTIVE_MUTANT__);
    return reaching ? sorted.filter((test) => reaching.get(test.path) ?? true) : sorted;
  }
}

module.exports = OnlyFilesReachingTheMutant;
