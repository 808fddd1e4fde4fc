/**
 * `node scripts/mutation/combine.js <into.json> <from.json> <folder or file>...`
 *
 * Writes into the incremental file <into.json> the results <from.json> has for the files
 * under the given targets, keeping every other file's results. Results of one target come
 * from one run: the scheduled workflow measures each folder in a job of its own and
 * combines them this way, and so does a merge of two branches that measured different
 * folders (`git show main:reports/stryker-incremental.json > main.json`, then combine the
 * branch's file into it for the branch's folders).
 */
const fs = require("fs");

const under = (targets) => (file) => targets.some((t) => file === t || file.startsWith(`${t.replace(/\/+$/, "")}/`));
const sortedByKey = (entries) => Object.fromEntries(Object.entries(entries).sort(([a], [b]) => (a < b ? -1 : 1)));

/**
 * `into` with the file results of `from` for the files under `targets`. Test-file entries are
 * a union (those of `from` win): a stale one only makes Stryker run a mutant again.
 */
function combine(into, from, targets) {
  const inTargets = under(targets);
  const files = Object.fromEntries(Object.entries(into.files ?? {}).filter(([file]) => !inTargets(file)));
  for (const [file, entry] of Object.entries(from.files ?? {})) if (inTargets(file)) files[file] = entry;
  return { ...into, files: sortedByKey(files), testFiles: sortedByKey({ ...into.testFiles, ...from.testFiles }) };
}

module.exports = { combine, under };

if (require.main === module) {
  const [intoFile, fromFile, ...targets] = process.argv.slice(2);
  if (!intoFile || !fromFile || targets.length === 0) {
    console.error("usage: node scripts/mutation/combine.js <into.json> <from.json> <folder or file under src/>...");
    process.exit(2);
  }
  const read = (file) => JSON.parse(fs.readFileSync(file, "utf8"));
  fs.writeFileSync(intoFile, JSON.stringify(combine(read(intoFile), read(fromFile), targets), null, 2) + "\n");
}
