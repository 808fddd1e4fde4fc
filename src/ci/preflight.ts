import * as fs from "fs";
import * as path from "path";

export interface PreflightProps {
  readonly env: NodeJS.ProcessEnv;
  /** The project folder: state-backend.json, .terraform.lock.hcl and cdktf.out are found from here. */
  readonly cwd: string;
}

/**
 * What plan and deploy check before anything runs in CI (GITHUB_ACTIONS=true): remote state,
 * and the committed provider lock file. One line per problem; none outside CI.
 */
export function preflightProblems(stacks: readonly string[], props: PreflightProps): string[] {
  if (props.env.GITHUB_ACTIONS !== "true") return [];
  return [localStateProblem(stacks, props), missingLockFile(props)].filter((p): p is string => p !== undefined);
}

/**
 * CI must not plan or apply with local state: a runner starts empty, so every run would
 * start from empty state and create every Auth0 object again ("already exists", duplicate
 * roles). The stacks as synthesized are what Terraform will use, so their backend is what
 * is checked. Returns one line saying what to do, or undefined when the stacks may run.
 */
function localStateProblem(stacks: readonly string[], props: PreflightProps): string | undefined {
  const outdir = path.resolve(props.cwd, props.env.CDKTF_OUTDIR || "cdktf.out");
  const local = stacks.filter((stack) => {
    const file = path.join(outdir, "stacks", stack, "cdk.tf.json");
    if (!fs.existsSync(file)) return false; // the caller reports a stack that was not synthesized
    const backend = (JSON.parse(fs.readFileSync(file, "utf8")) as { terraform?: { backend?: Record<string, unknown>; cloud?: unknown } }).terraform;
    return backend?.cloud === undefined && (backend?.backend === undefined || "local" in backend.backend);
  });
  if (local.length === 0) return undefined;
  const configFile = props.env.STATE_BACKEND_FILE || "state-backend.json";
  const why = fs.existsSync(path.resolve(props.cwd, configFile)) ? `${configFile} says "type": "local"` : `there is no ${configFile}`;
  return (
    `Refusing to run in CI with local Terraform state (${local.join(", ")}): ${why}, and a fresh runner would start from empty state and create everything again. ` +
    `Configure S3 ({"type": "s3", "bucket": "…", "region": "…"}) or HCP Terraform ({"type": "cloud", "organization": "…"}) in ${configFile}; see "Choosing a backend" in the README.`
  );
}

/**
 * `~> 1.55` allows any 1.x from 1.55 on: without the lock file a plan and the deploy after
 * it could each download a different provider build. The scripts copy the committed lock
 * into every stack folder and initialize with -lockfile=readonly.
 */
function missingLockFile(props: PreflightProps): string | undefined {
  const lock = path.resolve(props.cwd, props.env.TF_LOCK_FILE || ".terraform.lock.hcl");
  if (fs.existsSync(lock)) return undefined;
  return (
    `Refusing to run in CI without the provider lock file ${path.relative(props.cwd, lock) || lock}: plan and deploy could use different builds of the auth0 provider. ` +
    `Create it once with network access (npm run synth, then in cdktf.out/stacks/platform: terraform providers lock -platform=linux_amd64 -platform=darwin_arm64), copy it to the project folder and commit it; see "Path to production" in the README.`
  );
}
