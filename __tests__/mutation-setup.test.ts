import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { ROOT } from "./support/project";

/** The scheduled mutation run (one job per folder) must cover what stryker.config.json mutates. */
const mutate: string[] = JSON.parse(fs.readFileSync(path.join(ROOT, "stryker.config.json"), "utf8")).mutate;
const workflow = parse(fs.readFileSync(path.join(ROOT, ".github", "workflows", "mutation.yml"), "utf8"));
const targets: string[] = workflow.jobs.folder.strategy.matrix.target;

const sourceFiles = (dir: string): string[] =>
  fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? sourceFiles(`${dir}/${entry.name}`) : [`${dir}/${entry.name}`]));
/** The glob forms stryker.config.json uses: `{a,b}`, a double star and a slash (any folders), `*`. */
const globPattern = (glob: string) => {
  const source = glob
    .replace(/[.+^$()|[\]\\]/g, "\\$&")
    .replace(/\{([^}]*)\}/g, (_, names: string) => `(${names.split(",").join("|")})`)
    .split("**/")
    .map((part) => part.replace(/\*/g, "[^/]*"))
    .join("(.+/)?");
  return new RegExp(`^${source}$`);
};
const mutated = sourceFiles("src").filter((file) => mutate.some((glob) => globPattern(glob).test(file)));
const under = (target: string) => (file: string) => file === target || file.startsWith(`${target}/`);

test("given stryker.config.json's mutate globs, when the scheduled workflow's folder jobs are compared with them, then every mutated file is in exactly one job and every job has files", () => {
  expect(mutated.length).toBeGreaterThan(0);
  expect(mutated.filter((file) => targets.filter((target) => under(target)(file)).length !== 1)).toEqual([]);
  expect(targets.filter((target) => !mutated.some(under(target)))).toEqual([]);
});

/** The test files jest.mutation.config.js gives a target (MUTATION_TARGET), as paths under __tests__. */
function testFilesOf(target: string): string[] {
  const saved = process.env.MUTATION_TARGET;
  process.env.MUTATION_TARGET = target;
  try {
    let config: { testMatch: string[] } | undefined;
    jest.isolateModules(() => (config = require("../jest.mutation.config.js")));
    return config!.testMatch.map((pattern) => pattern.replace("<rootDir>/", ""));
  } finally {
    if (saved === undefined) delete process.env.MUTATION_TARGET;
    else process.env.MUTATION_TARGET = saved;
  }
}

test.each(targets)("given the scheduled job for %s, when its test files are looked up, then it has a list of its own and every file on it exists", (target) => {
  const files = testFilesOf(target);
  expect(files.every((file) => /^__tests__\/[\w.-]+\.test\.ts$/.test(file))).toBe(true);
  expect(files.filter((file) => !fs.existsSync(path.join(ROOT, file)))).toEqual([]);
});
