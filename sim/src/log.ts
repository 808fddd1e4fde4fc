// stdout belongs to the go-plugin handshake, so every diagnostic line goes to the file
// named by AUTH0_SIM_LOG, or to stderr (which Terraform shows only with TF_LOG).
import * as fs from "fs";

export function log(message: string): void {
  const target = process.env.AUTH0_SIM_LOG;
  const line = `${new Date().toISOString()} auth0-sim ${message}\n`;
  if (target) {
    try {
      fs.appendFileSync(target, line);
      return;
    } catch {
      // fall through to stderr when the log file cannot be written
    }
  }
  process.stderr.write(line);
}
