const { scoreTable } = require("../scripts/mutation/scores.js") as { scoreTable: (report: unknown) => string };

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
