import * as fs from "fs";
import * as path from "path";
import micromatch from "micromatch";
import { parse } from "yaml";
import { ROOT } from "./support/project";

/** The scheduled mutation run (one job per folder) must cover what stryker.config.json mutates. */
const mutate: string[] = JSON.parse(fs.readFileSync(path.join(ROOT, "stryker.config.json"), "utf8")).mutate;
const workflow = parse(fs.readFileSync(path.join(ROOT, ".github", "workflows", "mutation.yml"), "utf8"));
const targets: string[] = workflow.jobs.folder.strategy.matrix.target;

const sourceFiles = (dir: string): string[] =>
  fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? sourceFiles(`${dir}/${entry.name}`) : [`${dir}/${entry.name}`]));
const mutated = micromatch(sourceFiles("src"), mutate);
const under = (target: string) => (file: string) => file === target || file.startsWith(`${target}/`);

test("given stryker.config.json's mutate globs, when the scheduled workflow's folder jobs are compared with them, then every mutated file is in exactly one job and every job has files", () => {
  expect(mutated.length).toBeGreaterThan(0);
  expect(mutated.filter((file) => targets.filter((target) => under(target)(file)).length !== 1)).toEqual([]);
  expect(targets.filter((target) => !mutated.some(under(target)))).toEqual([]);
});
