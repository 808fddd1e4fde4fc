import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { changedFiles, fileAt, resolveCommit, tenantFilesAt, UnknownRefError } from "../src/review/git-changes";

/**
 * A small git repository of a few text files (no project code), with the project in a
 * subfolder `infra/` as in a monorepo, committed once as the base.
 */
const repo = fs.mkdtempSync(path.join(os.tmpdir(), "git-changes-"));
const project = path.join(repo, "infra");
const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, encoding: "utf8" });
const write = (relative: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(repo, relative)), { recursive: true });
  fs.writeFileSync(path.join(repo, relative), text);
};

/** Longer than a few hundred bytes, as tenant files are: read whole, not cut at a small buffer. */
const ACME = JSON.stringify({ name: "acme", displayName: "Acme", description: "x".repeat(400) }) + "\n";

let base: string;
beforeAll(() => {
  write(".gitignore", "node_modules\ncdktf.out\n");
  write("README.md", "outside the project\n");
  write("infra/platform.json", "{}\n");
  write("infra/tenants/acme.json", ACME);
  write("infra/tenants/globex.json", '{"name":"globex"}\n');
  write("infra/tenants/notes.md", "not a tenant\n");
  write("infra/tenants/nested/deep.json", "{}\n");
  git("init", "-q");
  git("add", "-A");
  git("-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-qm", "base");
  git("tag", "v1");
  base = git("rev-parse", "HEAD").trim();
});
afterEach(() => {
  git("reset", "-q", "--hard", base);
  git("clean", "-qfdx");
});
afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

describe("resolving a ref", () => {
  test("given a tag, when resolved, then it is the full commit id", () => {
    expect(resolveCommit(project, "v1")).toBe(base);
  });

  test.each([["no-such-branch"], ["--help"], [""]])("given %j, when resolved, then it is an UnknownRefError naming the ref", (ref) => {
    const error = (() => {
      try {
        return resolveCommit(project, ref);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UnknownRefError);
    expect(error).toMatchObject({ ref, message: `"${ref}" is not a commit in this repository` });
  });
});

describe("the project files that differ from a commit", () => {
  test("given no change, then none", () => {
    expect(changedFiles(project, base)).toEqual([]);
  });

  test("given files edited, added, deleted and renamed, inside and outside the project, then the project's, relative to it, sorted, renames as both paths", () => {
    write("infra/tenants/globex.json", '{"name":"globex","displayName":"G"}\n');
    write("infra/tenants/new.json", "{}\n");
    fs.rmSync(path.join(project, "platform.json"));
    git("mv", "infra/tenants/acme.json", "infra/tenants/acme-corp.json");
    write("README.md", "edited outside the project\n");
    write("infra/cdktf.out/manifest.json", "{}\n");
    expect(changedFiles(project, base)).toEqual(["platform.json", "tenants/acme-corp.json", "tenants/acme.json", "tenants/globex.json", "tenants/new.json"]);
  });

  test("given an untracked file that sorts before a tracked one, then the list is still sorted", () => {
    write("infra/tenants/globex.json", "{}\n");
    write("infra/a-first.json", "{}\n");
    expect(changedFiles(project, base)).toEqual(["a-first.json", "tenants/globex.json"]);
  });

  test("given a file staged and then edited again, then it is listed once", () => {
    write("infra/tenants/new.json", "{}\n");
    git("add", "infra/tenants/new.json");
    write("infra/tenants/new.json", '{"a":1}\n');
    write("infra/tenants/other.json", "{}\n");
    expect(changedFiles(project, base)).toEqual(["tenants/new.json", "tenants/other.json"]);
  });
});

describe("a file's content at a commit", () => {
  test("given a file of the commit, when read from the project folder, then its bytes relative to the project", () => {
    write("infra/tenants/acme.json", "changed in the working tree\n");
    expect(fileAt(project, base, "tenants/acme.json")?.toString("utf8")).toBe(ACME);
  });

  test("given a file the commit did not have, then undefined", () => {
    expect(fileAt(project, base, "tenants/new.json")).toBeUndefined();
  });
});

describe("the JSON files of a folder at a commit", () => {
  test("given the tenants folder, then its .json files only, not nested ones, as project paths", () => {
    write("infra/tenants/added-later.json", "{}\n");
    expect(tenantFilesAt(project, base, "tenants")).toEqual(["tenants/acme.json", "tenants/globex.json"]);
  });

  test("given a folder the commit did not have, then none", () => {
    expect(tenantFilesAt(project, base, "customers")).toEqual([]);
  });
});
