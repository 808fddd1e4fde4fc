#!/usr/bin/env node
// Generates the typed auth0 provider bindings into .gen/providers/auth0 from the pinned
// schema, offline. This is what `cdktf get` does after downloading the provider; the
// Terraform registry is out of reach here, so the schema is checked in instead.
//
// One of the three places that rely on CDKTF internals (README, "CDKTF's future"):
// @cdktf/provider-generator's TerraformProviderGenerator and CodeMaker are what `cdktf get`
// uses, not a public API. __tests__/cdktf-internals.test.ts runs generateBindings and fails
// when an upgrade changes them.
"use strict";
const fs = require("fs");
const path = require("path");
const { TerraformProviderGenerator, CodeMaker } = require("@cdktf/provider-generator");
const { TerraformProviderConstraint } = require("@cdktf/commons");

const root = path.resolve(__dirname, "..");
const CONSTRAINT = "auth0/auth0@~> 1.55";

/**
 * Writes `<outdir>/providers/auth0/<resource>/index.ts` for every resource and data source of
 * `schemaFile` (the output of `terraform providers schema -json`), replacing what was there.
 */
async function generateBindings({ schemaFile, outdir }) {
  const schema = JSON.parse(fs.readFileSync(schemaFile, "utf8"));
  const code = new CodeMaker();
  const generator = new TerraformProviderGenerator(code, schema);
  // Generating for this constraint makes every stack pin `version = "~> 1.55"`. (With a
  // `provider_versions` entry the bindings would pin the exact version instead.)
  generator.generate(new TerraformProviderConstraint(CONSTRAINT));
  fs.rmSync(path.join(outdir, "providers", "auth0"), { recursive: true, force: true });
  await generator.save(outdir);
}

module.exports = { generateBindings };

if (require.main === module) {
  generateBindings({ schemaFile: path.join(root, "provider-schema", "auth0-v1.55.0.json"), outdir: path.join(root, ".gen") }).catch((error) => {
    console.error(`generate-bindings: ${error.stack || error}`);
    process.exit(1);
  });
}
