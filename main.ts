/**
 * The CDKTF app: `cdktf synth|diff|deploy` run it (see cdktf.json), and so does
 * `npm run synth`. Load and validate every file first; build and write only when all pass.
 */
import { buildApp } from "./src/app";
import { ValidationFailedError } from "./src/errors";
import { defaultSources } from "./src/load/config-files";
import { loadFleet } from "./src/validate/validate-fleet";

function main(): void {
  const fleet = loadFleet(defaultSources());
  buildApp(fleet).synth();
}

try {
  main();
} catch (error) {
  if (!(error instanceof ValidationFailedError)) throw error;
  console.error(error.message);
  console.error("Nothing was written. Fix the problems above and run again.");
  process.exit(1);
}
