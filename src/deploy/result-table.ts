import { StackResult } from "./run-state";

const COLUMNS = ["STACK", "RESULT", "SECONDS", "REQUESTS", "RETRIES", "NOTE"] as const;

function cells(r: StackResult): string[] {
  return [r.stack, r.status, r.seconds.toFixed(1), String(r.requests), String(r.retries), r.note];
}

/** The per-stack result table for a terminal, columns aligned. */
export function resultTable(results: readonly StackResult[]): string {
  const rows = [[...COLUMNS], ...results.map(cells)];
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  return rows.map((row) => row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i]))).join("  ").trimEnd()).join("\n");
}

/** Escapes what Markdown would read as markup in a table cell. */
const md = (s: string) => s.replace(/[\\`*_[\]<>|#@!]/g, (c) => `\\${c}`).replace(/\n/g, " ");

/** The same table as Markdown, for the job summary. */
export function resultMarkdown(title: string, results: readonly StackResult[]): string {
  return [
    `### ${title}`,
    "",
    `| ${COLUMNS.map((c) => c.toLowerCase()).join(" | ")} |`,
    "| --- | --- | ---: | ---: | ---: | --- |",
    ...results.map((r) => `| ${cells(r).map(md).join(" | ")} |`),
    "",
  ].join("\n");
}
