/**
 * The CDKTF app: `cdktf synth|diff|deploy` run it (see cdktf.json), and so does
 * `npm run synth`. Problems go to stderr; the closing line to stdout; progress for a large
 * fleet to stderr, at a terminal only.
 */
import { synthCommand } from "./src/synth/synth-command";

const atTerminal = process.stderr.isTTY && !process.env.CI;
synthCommand({
  done: (line) => process.stdout.write(`${line}\n`),
  progress: atTerminal ? (line) => process.stderr.write(`${line}\n`) : undefined,
}).then((exitCode) => {
  process.exitCode = exitCode;
});
