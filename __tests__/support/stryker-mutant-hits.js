/**
 * Stryker only (jest.mutation.config.js). During Stryker's initial run, writes down which
 * mutants each test file reached, in its tests or while loading (fleets built for
 * `test.each`, `beforeAll`): one JSON line per test file, read by `stryker-test-sequencer.js`.
 * Outside Stryker (no `__stryker__` global) and while a mutant is active it does nothing,
 * so the project tree is never written.
 */
const fs = require("fs");
const path = require("path");

/** Next to this file, in Stryker's sandbox copy of the project. */
const MUTANT_HITS_FILE = path.join(__dirname, ".stryker-mutant-hits.jsonl");

const stryker = globalThis.__stryker__;
const initialRun = typeof stryker === "object" && process.env.__STRYKER_ACTIVE_MUTANT__ === undefined;

/** Every mutant id reached so far in this runner, with its count (Stryker's coverage counters). */
function reached() {
  const { static: loading = {}, perTest = {} } = stryker.mutantCoverage ?? {};
  const counts = new Map(Object.entries(loading));
  for (const hits of Object.values(perTest)) {
    for (const [id, count] of Object.entries(hits)) counts.set(id, (counts.get(id) ?? 0) + count);
  }
  return counts;
}

if (initialRun) {
  const before = reached();
  afterAll(() => {
    const mutants = [...reached()].filter(([id, count]) => count > (before.get(id) ?? 0)).map(([id]) => id);
    fs.appendFileSync(MUTANT_HITS_FILE, JSON.stringify({ testPath: expect.getState().testPath, mutants }) + "\n");
  });
}

module.exports = { MUTANT_HITS_FILE };
