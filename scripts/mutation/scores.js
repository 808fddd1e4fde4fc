/**
 * The mutation score per folder of a Stryker report (mutation-testing-report-schema), as a
 * Markdown table: `node scripts/mutation/scores.js [--files] [report.json]` prints the one of
 * `reports/stryker-incremental.json`, with `--files` one row per file. The score is Stryker's: detected (killed, timeout)
 * over detected and undetected (survived, no coverage); mutants that do not compile or
 * are ignored do not count.
 */
const fs = require("fs");
const path = require("path");

/** `src/validate/secrets.ts` → `src/validate`; a file directly in `src/` is its own row. */
const folderOf = (file) => {
  const parts = file.split("/");
  return parts.length > 2 ? parts.slice(0, 2).join("/") : file;
};

function countsByFolder(report, rowOf = folderOf) {
  const rows = new Map();
  for (const [file, { mutants }] of Object.entries(report.files)) {
    const row = rows.get(rowOf(file)) ?? { mutants: 0, Killed: 0, Survived: 0, NoCoverage: 0, Timeout: 0, other: 0 };
    for (const { status } of mutants) {
      row.mutants += 1;
      if (status in row) row[status] += 1;
      else row.other += 1;
    }
    rows.set(rowOf(file), row);
  }
  return new Map([...rows].sort(([a], [b]) => (a < b ? -1 : 1)));
}

function score({ Killed, Timeout, Survived, NoCoverage }) {
  const valid = Killed + Timeout + Survived + NoCoverage;
  return valid === 0 ? "n/a" : `${((100 * (Killed + Timeout)) / valid).toFixed(1)}%`;
}

/** One row per folder, or per file with `{ files: true }`. */
function scoreTable(report, { files = false } = {}) {
  const lines = [`| ${files ? "file" : "folder"} | mutants | killed | survived | no coverage | timeout | not counted | score |`, "|---|---:|---:|---:|---:|---:|---:|---:|"];
  for (const [name, row] of countsByFolder(report, files ? (file) => file : folderOf)) {
    lines.push(`| ${name} | ${row.mutants} | ${row.Killed} | ${row.Survived} | ${row.NoCoverage} | ${row.Timeout} | ${row.other} | ${score(row)} |`);
  }
  return lines.join("\n");
}

module.exports = { scoreTable, countsByFolder };

if (require.main === module) {
  const args = process.argv.slice(2);
  const file = args.find((arg) => arg !== "--files") ?? path.join(__dirname, "..", "..", "reports", "stryker-incremental.json");
  console.log(scoreTable(JSON.parse(fs.readFileSync(file, "utf8")), { files: args.includes("--files") }));
}
