#!/usr/bin/env node
// Generates the typed auth0 provider bindings into .gen/providers/auth0 from the pinned
// schema, offline. This is what `cdktf get` does after downloading the provider; the
// Terraform registry is out of reach here, so the schema is checked in instead.
"use strict";
const fs = require("fs");
const path = require("path");
const { TerraformProviderGenerator, CodeMaker } = require("@cdktf/provider-generator");
const { TerraformProviderConstraint } = require("@cdktf/commons");

const root = path.resolve(__dirname, "..");
const schemaFile = path.join(root, "provider-schema", "auth0-v1.55.0.json");
const outdir = path.join(root, ".gen");
const CONSTRAINT = "auth0/auth0@~> 1.55";

async function main() {
  const schema = JSON.parse(fs.readFileSync(schemaFile, "utf8"));
  const code = new CodeMaker();
  const generator = new TerraformProviderGenerator(code, schema);
  // Generating for this constraint makes every stack pin `version = "~> 1.55"`. (With a
  // `provider_versions` entry the bindings would pin the exact version instead.)
  generator.generate(new TerraformProviderConstraint(CONSTRAINT));
  fs.rmSync(path.join(outdir, "providers", "auth0"), { recursive: true, force: true });
  await generator.save(outdir);
}

main().catch((error) => {
  console.error(`generate-bindings: ${error.stack || error}`);
  process.exit(1);
});
