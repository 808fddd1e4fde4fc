import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { BaseSynthError, synthAtCommit } from "../src/review/base-synth";
import { tempDirs } from "./support/temp-dirs";

/**
 * A git repository whose project (in `infra/`, as in a monorepo) is a one-file program
 * standing in for the app: its `dist/main.js` writes what it saw (its code's version, where
 * it ran, its environment) into `$CDKTF_OUTDIR`. The checkout's `node_modules/.bin/tsc` stands
 * in for TypeScript's compiler (which takes seconds a run): it writes down its arguments,
 * "compiles" `main.js` into `dist/`, and reports the errors a `// tsc-error:` line declares,
 * on stdout as tsc does (no JavaScript when a `// tsc-no-emit` line says so). So the build,
 * its fallbacks and its errors are tested in milliseconds.
 */
jest.setTimeout(30_000);

const FAKE_TSC = [
  "#!/usr/bin/env node",
  'const fs = require("fs");',
  'fs.writeFileSync("tsc-args.json", JSON.stringify(process.argv.slice(2)));',
  'const source = fs.readFileSync("main.js", "utf8");',
  'if (!/^\\/\\/ tsc-no-emit$/m.test(source)) { fs.mkdirSync("dist", { recursive: true }); fs.copyFileSync("main.js", "dist/main.js"); }',
  "const error = /^\\/\\/ tsc-error: (.*)$/m.exec(source);",
  "if (error) { console.log(error[1]); process.exit(2); }",
].join("\n");

const mainJs = (version: string, ...lines: string[]) =>
  [
    ...lines,
    `const fs = require("fs");`,
    `fs.mkdirSync(process.env.CDKTF_OUTDIR, { recursive: true });`,
    `fs.writeFileSync(process.env.CDKTF_OUTDIR + "/seen.json", JSON.stringify({`,
    `  version: ${JSON.stringify(version)},`,
    `  cwd: process.cwd(),`,
    `  checkpoint: process.env.CHECKPOINT_DISABLE,`,
    `  readsItsOwnFiles: [process.env.TENANTS_DIR, process.env.PLATFORM_FILE, process.env.STATE_BACKEND_FILE].every((v) => v === undefined),`,
    `  inherited: process.env.BASE_SYNTH_TEST,`,
    `}));`,
  ].join("\n");

const tempDir = tempDirs();

/** A repository with `files` under `infra/` committed; returns the project folder and the commit. */
function repository(files: Record<string, string>): { project: string; commit: string } {
  const repo = tempDir("base-synth-repo-");
  const project = path.join(repo, "infra");
  const all = { "README.md": "outside the project\n", ...Object.fromEntries(Object.entries(files).map(([f, t]) => [`infra/${f}`, t])) };
  for (const [relative, text] of Object.entries(all)) {
    fs.mkdirSync(path.dirname(path.join(repo, relative)), { recursive: true });
    fs.writeFileSync(path.join(repo, relative), text);
  }
  const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, encoding: "utf8" });
  git("init", "-q");
  git("add", "-A");
  git("-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-qm", "base");
  // The checkout's node_modules, untracked as in a real clone: the base is built with its tsc.
  fs.mkdirSync(path.join(project, "node_modules", ".bin"), { recursive: true });
  fs.writeFileSync(path.join(project, "node_modules", ".bin", "tsc"), FAKE_TSC, { mode: 0o755 });
  return { project, commit: git("rev-parse", "HEAD").trim() };
}

const app = (version: string, extra: Record<string, string> = {}) => ({ "tsconfig.build.json": "{}", "main.js": mainJs(version), ...extra });

function synth(project: string, commit: string) {
  const work = tempDir("base-synth-work-");
  const outdir = path.join(work, "out");
  const log: string[] = [];
  const result = synthAtCommit(project, commit, work, outdir, (line) => log.push(line));
  return { baseDir: path.join(work, "base-tree"), outdir, log, result };
}
const seen = (outdir: string) => JSON.parse(fs.readFileSync(path.join(outdir, "seen.json"), "utf8"));

const failure = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
};

describe("synthesizing the base with its own code", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  test("given the working tree's code changed since the commit, when the commit is synthesized, then the commit's code is built and run in its own tree, with its own files and no telemetry", () => {
    const { project, commit } = repository(app("base"));
    fs.writeFileSync(path.join(project, "main.js"), mainJs("working tree"));
    Object.assign(process.env, { TENANTS_DIR: "/head/tenants", PLATFORM_FILE: "/head/platform.json", STATE_BACKEND_FILE: "/head/backend.json", CDKTF_OUTDIR: "/head/out", BASE_SYNTH_TEST: "kept" });
    const { baseDir, outdir, log, result } = synth(project, commit);
    expect(result).toEqual({ baseDir });
    expect(seen(outdir)).toEqual({ version: "base", cwd: fs.realpathSync(baseDir), checkpoint: "1", readsItsOwnFiles: true, inherited: "kept" });
    expect(log).toEqual([`Building ${commit.slice(0, 12)}…`, `Synthesizing ${commit.slice(0, 12)}…`]);
    expect(JSON.parse(fs.readFileSync(path.join(baseDir, "tsc-args.json"), "utf8"))).toEqual(["-p", "tsconfig.build.json"]);
    // Only the project's folder of the repository is extracted, with the checkout's node_modules.
    expect(fs.readdirSync(baseDir).sort()).toEqual(["dist", "main.js", "node_modules", "tsc-args.json", "tsconfig.build.json"]);
    expect(fs.realpathSync(path.join(baseDir, "node_modules"))).toBe(fs.realpathSync(path.join(project, "node_modules")));
  });

  test("given a commit with a bindings generator, when synthesized, then the generator runs in the base's tree before the build", () => {
    const generator = `const fs = require("fs"); fs.writeFileSync(".gen-ran", JSON.stringify({ cwd: process.cwd(), built: fs.existsSync("dist") }));`;
    const { project, commit } = repository(app("base", { "scripts/generate-bindings.js": generator }));
    const { baseDir } = synth(project, commit);
    expect(JSON.parse(fs.readFileSync(path.join(baseDir, ".gen-ran"), "utf8"))).toEqual({ cwd: fs.realpathSync(baseDir), built: false });
  });

  test("given a commit with a scripts folder but no bindings generator, when synthesized, then no generator is run", () => {
    const { project, commit } = repository(app("base", { "scripts/notes.txt": "no generator here\n" }));
    expect(seen(synth(project, commit).outdir).version).toBe("base");
  });

  test("given a commit with type errors, when synthesized, then it says so and synthesizes the JavaScript tsc still wrote", () => {
    const { project, commit } = repository(app("typed wrong", { "main.js": mainJs("typed wrong", "// tsc-error: main.ts(1,7): error TS2322: Type 'string' is not assignable to type 'number'.") }));
    const { outdir, log } = synth(project, commit);
    expect(log).toEqual([`Building ${commit.slice(0, 12)}…`, `${commit.slice(0, 12)} has type errors; synthesizing it anyway.`, `Synthesizing ${commit.slice(0, 12)}…`]);
    expect(seen(outdir).version).toBe("typed wrong");
  });
});

describe("a base that cannot be built", () => {
  test("given a bindings generator that fails, when synthesized, then a BaseSynthError quotes its first line of output, trimmed", () => {
    const generator = `console.error("  \\n\\n   cannot read the provider schema   \\nsecond line"); process.exit(1);`;
    const { project, commit } = repository(app("base", { "scripts/generate-bindings.js": generator }));
    const error = failure(() => synth(project, commit));
    expect(error).toBeInstanceOf(BaseSynthError);
    expect((error as Error).message).toBe(`could not generate the bindings of ${commit.slice(0, 12)}: cannot read the provider schema`);
  });

  test("given a checkout without tsc, when synthesized, then a BaseSynthError says it could not compile, with no output to quote", () => {
    const { project, commit } = repository(app("base"));
    fs.rmSync(path.join(project, "node_modules", ".bin", "tsc"));
    const error = failure(() => synth(project, commit));
    expect(error).toBeInstanceOf(BaseSynthError);
    expect((error as Error).message).toBe(`could not compile ${commit.slice(0, 12)}: no output`);
  });

  test("given a commit tsc writes no JavaScript for, when synthesized, then a BaseSynthError quotes tsc's first line", () => {
    const { project, commit } = repository(app("base", { "main.js": mainJs("base", "// tsc-no-emit", "// tsc-error: main.ts(1,7): error TS2322: Type 'string' is not assignable to type 'number'.") }));
    const error = failure(() => synth(project, commit));
    expect(error).toBeInstanceOf(BaseSynthError);
    expect((error as Error).message).toBe(`could not compile ${commit.slice(0, 12)}: main.ts(1,7): error TS2322: Type 'string' is not assignable to type 'number'.`);
  });

  test.each([
    ["on stderr", `console.log("on stdout"); console.error("no tenants folder");`, "no tenants folder"],
    ["on stdout only", `console.log("on stdout");`, "on stdout"],
    ["nowhere", "", "no output"],
  ])("given an app that fails saying why %s, when synthesized, then the BaseSynthError quotes it", (_, says, quoted) => {
    const { project, commit } = repository(app("base", { "main.js": `${says}\nprocess.exit(2);\n` }));
    const error = failure(() => synth(project, commit));
    expect(error).toBeInstanceOf(BaseSynthError);
    expect((error as Error).message).toBe(`could not synthesize ${commit.slice(0, 12)} with its own code: ${quoted}`);
  });
});
