import { spawnSync } from "child_process";
import * as path from "path";
import { ROOT } from "./project";

/** The compiled app (`dist/main.js`, built by `npm test` before jest) as cdktf and CI run it. */
export function runApp(env: Record<string, string>) {
  return spawnSync(process.execPath, [path.join(ROOT, "dist", "main.js")], { env: { ...process.env, ...env }, encoding: "utf8" });
}
