/**
 * The CDKTF app: `cdktf synth|diff|deploy` run it (see cdktf.json), and so does
 * `npm run synth`.
 */
import { synthCommand } from "./src/synth/synth-command";

synthCommand().then((exitCode) => {
  process.exitCode = exitCode;
});
