const { scoreTable } = require("../scripts/mutation/scores.js") as { scoreTable: (report: unknown, options?: { files?: boolean }) => string };

/** The per-folder score table printed after a mutation run (`scripts/mutation/scores.js`). */
const mutants = (...statuses: string[]) => ({ mutants: statuses.map((status) => ({ status })) });

test("given a report over two folders and a file directly in src/, when tabled, then each folder adds up its files and its score counts killed and timeout over every mutant that ran", () => {
  const report = {
    files: {
      "src/validate/secrets.ts": mutants("Killed", "Killed", "Survived"),
      "src/validate/duplicates.ts": mutants("Timeout", "NoCoverage", "CompileError"),
      "src/errors.ts": mutants("Killed", "Ignored"),
      "src/review/phrase.ts": mutants("CompileError"),
    },
  };
  expect(scoreTable(report).split("\n")).toEqual([
    "| folder | mutants | killed | survived | no coverage | timeout | not counted | score |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
    "| src/errors.ts | 2 | 1 | 0 | 0 | 0 | 1 | 100.0% |",
    "| src/review | 1 | 0 | 0 | 0 | 0 | 1 | n/a |",
    "| src/validate | 6 | 2 | 1 | 1 | 1 | 1 | 60.0% |",
  ]);
});

const { combine } = require("../scripts/mutation/combine.js") as { combine: (into: object, from: object, targets: string[]) => { files: object; testFiles: object } };

test("given the committed results and a run that measured src/review, when combined for src/review, then src/review's files come from the run, every other file's stay, and test files are a union with the run's winning", () => {
  const committed = {
    schemaVersion: "1",
    files: { "src/validate/secrets.ts": mutants("Killed"), "src/review/phrase.ts": mutants("Survived"), "src/review/gone.ts": mutants("Killed") },
    testFiles: { "__tests__/a.test.ts": { tests: [{ name: "old" }] }, "__tests__/b.test.ts": { tests: [] } },
  };
  const run = {
    schemaVersion: "1",
    files: { "src/review/phrase.ts": mutants("Killed"), "src/validate/secrets.ts": mutants("Survived") },
    testFiles: { "__tests__/a.test.ts": { tests: [{ name: "new" }] } },
  };
  expect(combine(committed, run, ["src/review/"])).toEqual({
    schemaVersion: "1",
    files: { "src/review/phrase.ts": mutants("Killed"), "src/validate/secrets.ts": mutants("Killed") },
    testFiles: { "__tests__/a.test.ts": { tests: [{ name: "new" }] }, "__tests__/b.test.ts": { tests: [] } },
  });
});

test("given a target that is a file, when combined, then a file whose name only starts with the same letters is not under it", () => {
  const committed = { files: { "src/review/plan.ts": mutants("Killed"), "src/review/plan.tsx": mutants("Killed") } };
  const run = { files: { "src/review/plan.ts": mutants("Survived"), "src/review/plan.tsx": mutants("Survived") } };
  expect(combine(committed, run, ["src/review/plan.ts"]).files).toEqual({ "src/review/plan.ts": mutants("Survived"), "src/review/plan.tsx": mutants("Killed") });
});

test("given a report over two files of one folder, when tabled with files, then each file is its own row", () => {
  const report = { files: { "src/validate/secrets.ts": mutants("Killed", "Survived"), "src/validate/duplicates.ts": mutants("Killed") } };
  expect(scoreTable(report, { files: true }).split("\n")).toEqual([
    "| file | mutants | killed | survived | no coverage | timeout | not counted | score |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
    "| src/validate/duplicates.ts | 1 | 1 | 0 | 0 | 0 | 0 | 100.0% |",
    "| src/validate/secrets.ts | 2 | 1 | 1 | 0 | 0 | 0 | 50.0% |",
  ]);
});
