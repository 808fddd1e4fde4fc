import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { FIXTURE_PLATFORM_FILE, minimalTenant, ROOT } from "./project";

/** What the project needs to build and synthesize itself at a commit. */
const PROJECT_FILES = ["main.ts", "src", "bench", "scripts", "provider-schema", "schemas", "tsconfig.json", "tsconfig.build.json", "package.json"];

/**
 * A temporary git repository holding a copy of this project's code with the given tenant
 * files and platform file, committed once as the base; tests then change the working tree.
 */
export class GitProject {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "auth0-tenants-repo-"));

  constructor(tenants: Record<string, unknown>, platform: unknown) {
    for (const entry of PROJECT_FILES) fs.cpSync(path.join(ROOT, entry), this.file(entry), { recursive: true });
    fs.symlinkSync(path.join(ROOT, "node_modules"), this.file("node_modules"), "dir");
    fs.writeFileSync(this.file(".gitignore"), "node_modules\n.gen\ndist\ncdktf.out\n");
    this.writeJson("platform.json", platform);
    for (const [name, content] of Object.entries(tenants)) this.writeJson(`tenants/${name}.json`, content);
    this.git("init", "-q");
    this.git("add", "-A");
    this.git("-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-qm", "base");
  }

  git(...args: string[]): string {
    return execFileSync("git", args, { cwd: this.dir, encoding: "utf8" });
  }

  file(relative: string): string {
    return path.join(this.dir, relative);
  }

  readJson(relative: string): any {
    return JSON.parse(fs.readFileSync(this.file(relative), "utf8"));
  }

  writeJson(relative: string, value: unknown): void {
    fs.mkdirSync(path.dirname(this.file(relative)), { recursive: true });
    fs.writeFileSync(this.file(relative), JSON.stringify(value, null, 2));
  }

  /** Back to the base commit's working tree. */
  reset(): void {
    this.git("checkout", "-q", "--", ".");
    this.git("clean", "-qfd", "--", "tenants", "platform.json", "state-backend.json", "src");
  }

  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Three minimal tenants and a decommissioned one, on the fixture platform, committed as the base. */
export function minimalTenantsProject(): GitProject {
  const tenants = { alpha: minimalTenant("alpha"), beta: minimalTenant("beta"), gamma: minimalTenant("gamma"), leaving: { ...minimalTenant("leaving"), status: "decommissioned" } };
  return new GitProject(tenants, JSON.parse(fs.readFileSync(FIXTURE_PLATFORM_FILE, "utf8")));
}
