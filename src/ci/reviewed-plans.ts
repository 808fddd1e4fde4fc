import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { STACK_NAME } from "./plan-input";

/**
 * The plans a pull request was reviewed with, handed from the plan workflow to the deploy
 * workflow as one artifact: per stack `<stack>.tfplan` and `<stack>.plan.json`, plus
 * `head-sha` (the planned commit) and `risk-approved` (present when its high risks were
 * allowed). Saved plans hold sensitive values in clear (the Google client secret is a
 * variable of the platform plan), and artifacts can be read by everyone who can read the
 * repository, so the bundle is sealed: AES-256-GCM with a key derived from the
 * PLAN_ARTIFACT_KEY secret, which only the two environments hold. GCM also refuses a
 * bundle changed after sealing.
 */
const MAGIC = Buffer.from("auth0-tenants reviewed plans v1\n");
const FILE_NAME = /^((platform|tenant-[a-z0-9_-]+)\.(tfplan|plan\.json)|head-sha|risk-approved)$/;

export class ReviewedPlansError extends Error {
  constructor(problem: string) {
    super(`reviewed plans: ${problem}`);
    this.name = "ReviewedPlansError";
  }
}

export interface ReviewedPlansProps {
  /** Where `<stack>.plan.json` are (plan-stacks.sh's output folder). */
  readonly plansDir: string;
  /** Where the stacks were planned: `<stacksDir>/<stack>/plan.tfplan`. */
  readonly stacksDir: string;
  readonly headSha: string;
  readonly riskApproved: boolean;
}

/** The files of the bundle, by name. */
export function collectReviewedPlans(props: ReviewedPlansProps): Map<string, Buffer> {
  const files = new Map<string, Buffer>([["head-sha", Buffer.from(`${props.headSha}\n`)]]);
  if (props.riskApproved) files.set("risk-approved", Buffer.from("true\n"));
  const planned = fs.existsSync(props.plansDir) ? fs.readdirSync(props.plansDir).sort() : []; // none when no stack was affected
  for (const name of planned) {
    const stack = name.replace(/\.plan\.json$/, "");
    if (stack === name || !STACK_NAME.test(stack)) continue;
    files.set(name, fs.readFileSync(path.join(props.plansDir, name)));
    files.set(`${stack}.tfplan`, fs.readFileSync(path.join(props.stacksDir, stack, "plan.tfplan")));
  }
  return files;
}

const keyFrom = (secret: string, salt: Buffer) => scryptSync(secret, salt, 32);

export function sealReviewedPlans(files: ReadonlyMap<string, Buffer>, secret: string): Buffer {
  if (!secret) throw new ReviewedPlansError("PLAN_ARTIFACT_KEY is empty; set it in both the pull-request-plan and production environments.");
  const body = Buffer.from(JSON.stringify(Object.fromEntries([...files].map(([name, content]) => [name, content.toString("base64")]))));
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFrom(secret, salt), iv);
  const sealed = Buffer.concat([cipher.update(body), cipher.final()]);
  return Buffer.concat([MAGIC, salt, iv, cipher.getAuthTag(), sealed]);
}

/** The files of a sealed bundle; a changed bundle, a wrong key or an unexpected file name is refused whole. */
export function openReviewedPlans(bundle: Buffer, secret: string): Map<string, Buffer> {
  if (!bundle.subarray(0, MAGIC.length).equals(MAGIC)) throw new ReviewedPlansError("not a sealed bundle of reviewed plans.");
  let at = MAGIC.length;
  const take = (n: number) => bundle.subarray(at, (at += n));
  const [salt, iv, tag] = [take(16), take(12), take(16)];
  let body: Buffer;
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyFrom(secret, salt), iv);
    decipher.setAuthTag(tag);
    body = Buffer.concat([decipher.update(bundle.subarray(at)), decipher.final()]);
  } catch {
    throw new ReviewedPlansError("the bundle does not open with PLAN_ARTIFACT_KEY (another key, or changed after sealing); plan again instead.");
  }
  const entries = Object.entries(JSON.parse(body.toString("utf8")) as Record<string, string>);
  for (const [name] of entries) if (!FILE_NAME.test(name)) throw new ReviewedPlansError(`unexpected file ${JSON.stringify(name)} in the bundle.`);
  return new Map(entries.map(([name, content]) => [name, Buffer.from(content, "base64")]));
}

/** Writes the files readable by their owner only: plans hold sensitive values. */
export function writeReviewedPlans(files: ReadonlyMap<string, Buffer>, dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  for (const [name, content] of files) fs.writeFileSync(path.join(dir, name), content, { mode: 0o600 });
}
