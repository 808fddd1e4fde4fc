import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";

/** Where the scheduler records what the last successful `terraform init` of a stack saw. */
const STAMP = path.join(".terraform", "auth0-tenants-init.sha256");

/**
 * `terraform init` is needed only when what it reads changed: the `terraform` block of
 * `cdk.tf.json` (backend and required providers) or the lock file. Everything else
 * (resources, variables) plan reads itself. Skipping it saves a process start, a backend
 * read and the provider installation per stack.
 */
export class InitCheck {
  constructor(private readonly stackDir: (stack: string) => string) {}

  private fingerprint(stack: string): string {
    const dir = this.stackDir(stack);
    const config = JSON.parse(fs.readFileSync(path.join(dir, "cdk.tf.json"), "utf8")) as { terraform?: unknown };
    const lockFile = path.join(dir, ".terraform.lock.hcl");
    const lock = fs.existsSync(lockFile) ? fs.readFileSync(lockFile, "utf8") : "";
    return createHash("sha256").update(JSON.stringify(config.terraform ?? null)).update("\0").update(lock).digest("hex");
  }

  needsInit(stack: string): boolean {
    const stamp = path.join(this.stackDir(stack), STAMP);
    return !fs.existsSync(stamp) || fs.readFileSync(stamp, "utf8") !== this.fingerprint(stack);
  }

  /** After a successful init: the lock file it wrote or checked is part of the fingerprint. */
  recordInit(stack: string): void {
    fs.mkdirSync(path.join(this.stackDir(stack), ".terraform"), { recursive: true });
    fs.writeFileSync(path.join(this.stackDir(stack), STAMP), this.fingerprint(stack));
  }
}
