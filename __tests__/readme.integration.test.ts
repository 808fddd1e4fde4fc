import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { FIXTURE_PLATFORM_FILE, FIXTURE_TENANTS_DIR, ROOT } from "./support/project";

/**
 * The README's walk-through, executed: every ```console block marked `<!-- readme-test: run -->`
 * runs command by command (one shell, in a copy of the example files), and what it printed
 * must match what the README shows. `…` in a shown line stands for any text; a line that is
 * only `…` for any number of lines. So the docs cannot drift from the tool.
 */
jest.setTimeout(120_000);

const MARKER = "<!-- readme-test: run -->";
/** The tenants the README's examples show; the fixtures hold the same files (and a decommissioned one the README does not show). */
const README_TENANTS = ["acme", "globex", "initech"];
const SEPARATOR = "@@readme-test: next command@@";

interface Step {
  readonly command: string;
  readonly shown: string[];
}

function markedBlocks(readme: string): Step[][] {
  const blocks = [...readme.matchAll(new RegExp(`${MARKER}\\n\`\`\`console\\n([\\s\\S]*?)\`\`\``, "g"))].map((m) => m[1]);
  return blocks.map((block) => {
    const steps: { command: string; shown: string[] }[] = [];
    for (const line of block.replace(/\n$/, "").split("\n")) {
      if (line.startsWith("$ ")) steps.push({ command: line.slice(2), shown: [] });
      else steps[steps.length - 1].shown.push(line);
    }
    return steps;
  });
}

const scripts: Record<string, string> = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts;

/**
 * `npm run [--silent] <script> [-- args]` as npm runs it, less the build step (`npm run
 * test:integration` has just built dist/): the script's own command, with this project's dist/ and scripts/.
 */
function asShell(command: string): string {
  const npm = /^npm run (?:--silent )?(\S+)(?: -- (.*?))?(\s*\|.*)?$/.exec(command);
  if (!npm) return command;
  const [, name, args = "", pipe = ""] = npm;
  const script = scripts[name];
  if (!script) throw new Error(`the README runs npm script "${name}", which package.json does not have`);
  const withoutBuild = script.replace(/npm run --silent build(:sim)? && /g, "");
  const local = withoutBuild.replace(/(^|\s|\. )(dist|scripts)\//g, (_m, before, dir) => `${before}${ROOT}/${dir}/`);
  return `${local} ${args}${pipe}`;
}

function matches(shown: string[], printed: string[]): boolean {
  if (shown.length === 0) return printed.length === 0;
  const [first, ...rest] = shown;
  if (first === "…") return printed.some((_, i) => matches(rest, printed.slice(i))) || matches(rest, []);
  if (printed.length === 0) return false;
  const pattern = new RegExp(`^${first.split("…").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
  return pattern.test(printed[0].trimEnd()) && matches(rest, printed.slice(1));
}

const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
const blocks = markedBlocks(readme);

test("given the README, then it has walk-through blocks marked to be run", () => {
  expect(blocks.length).toBeGreaterThan(0);
});

describe.each(blocks.map((steps, i) => [i + 1, steps] as const))("given README walk-through block %i", (_n, steps) => {
  let printed: string[][];
  beforeAll(() => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "auth0-tenants-readme-"));
    try {
      fs.mkdirSync(path.join(dir, "tenants"));
      for (const name of README_TENANTS) fs.copyFileSync(path.join(FIXTURE_TENANTS_DIR, `${name}.json`), path.join(dir, "tenants", `${name}.json`));
      fs.copyFileSync(FIXTURE_PLATFORM_FILE, path.join(dir, "platform.json"));
      // One shell, so `echo $?` sees the previous command; each command's status survives the separator.
      const script = steps.map((s) => `${asShell(s.command)} 2>&1; __status=$?; echo "${SEPARATOR}"; (exit $__status)`).join("\n");
      const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(TENANTS_DIR|PLATFORM_FILE|CDKTF_OUTDIR|STATE_BACKEND_FILE|GITHUB_ACTIONS)$/.test(name)));
      const run = spawnSync("bash", ["-c", script], { cwd: dir, env: { ...env, CI: "true" }, encoding: "utf8" });
      printed = run.stdout.split(`${SEPARATOR}\n`).map((out) => out.replace(/\n$/, "").split("\n").filter((line, _i, all) => !(all.length === 1 && line === "")));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test.each(steps.map((step, i) => [step.command, i] as const))("when running `%s`, then it prints what the README shows", (_command, i) => {
    const { shown } = steps[i];
    expect({ matches: matches(shown, printed[i]), printed: printed[i] }).toEqual({ matches: true, printed: matches(shown, printed[i]) ? printed[i] : shown });
  });
});
