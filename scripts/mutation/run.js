#!/usr/bin/env node
/**
 * `npm run test:mutation [-- <folder or file under src/>...] [Stryker options]`
 *
 * Without a folder: Stryker over everything `stryker.config.json` mutates. With folders (or
 * files): only those, e.g. `npm run test:mutation -- src/review`, the way to measure one
 * folder at a time on a small machine. Either way the run is incremental: mutants whose code
 * and covering tests did not change keep their result from `reports/stryker-incremental.json`.
 *
 * Stryker writes into that file only the files of the run, so a narrowed run would forget
 * every other folder's results: this script puts back the entries of the files the run did
 * not mutate (those still in the project), then prints the score per folder.
 * Exits with Stryker's status (1 when the run's score is under the break threshold).
 */
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");
const { scoreTable } = require("./scores");
const { combine } = require("./combine");

const ROOT = path.resolve(__dirname, "..", "..");
const INCREMENTAL = path.join(ROOT, "reports", "stryker-incremental.json");

const args = process.argv.slice(2);
const targets = args.filter((a) => /^src(\/|$)/.test(a));
const options = args.filter((a) => !targets.includes(a));
const mutate = targets.map((t) => (t.endsWith(".ts") ? t : `${t.replace(/\/+$/, "")}/**/*.ts`));

const read = (file) => (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : undefined);
const before = read(INCREMENTAL);

// One folder or file: the tests listed for it only (see jest.mutation.config.js).
const target = targets.length === 1 ? targets[0].replace(/\/+$/, "") : undefined;
const stryker = spawnSync(path.join(ROOT, "node_modules", ".bin", "stryker"), ["run", ...(mutate.length ? ["--mutate", mutate.join(",")] : []), ...options], {
  cwd: ROOT,
  stdio: "inherit",
  env: target ? { ...process.env, MUTATION_TARGET: target } : process.env,
});

let after = read(INCREMENTAL);
if (before && after && targets.length) {
  // The run's own files from Stryker, every other file (still in the project) as before.
  after = combine(before, after, targets);
  const exists = ([file]) => fs.existsSync(path.join(ROOT, file));
  for (const section of ["files", "testFiles"]) after[section] = Object.fromEntries(Object.entries(after[section]).filter(exists));
}
if (after) {
  // Failure messages (stack traces with this machine's paths) make most of the file and are
  // not needed to reuse a result: the committed file keeps statuses and tests only.
  for (const { mutants } of Object.values(after.files ?? {})) for (const mutant of mutants) delete mutant.statusReason;
  fs.writeFileSync(INCREMENTAL, JSON.stringify(after, null, 2) + "\n");
  console.log(`\nScore per folder (${path.relative(ROOT, INCREMENTAL)}, every folder measured so far):\n${scoreTable(after)}`);
}
process.exit(stryker.status ?? 1);
