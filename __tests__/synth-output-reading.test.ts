import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readStacks, stackContent } from "../src/synth/compare-output";

/** A synth output folder written by hand: a manifest and one stack file. */
let outdir: string;
beforeEach(() => {
  outdir = fs.mkdtempSync(path.join(os.tmpdir(), "auth0-tenants-output-reading-"));
  fs.mkdirSync(path.join(outdir, "stacks", "tenant-acme"), { recursive: true });
});
afterEach(() => fs.rmSync(outdir, { recursive: true, force: true }));

const write = (file: string, content: unknown) => fs.writeFileSync(path.join(outdir, file), JSON.stringify(content));

describe("reading the stacks of a synth output folder", () => {
  test("given a manifest, when read, then its stacks come out by name with their path and dependencies", () => {
    const stacks = {
      platform: { synthesizedStackPath: "stacks/platform/cdk.tf.json", dependencies: [] },
      "tenant-acme": { synthesizedStackPath: "stacks/tenant-acme/cdk.tf.json", dependencies: ["platform"] },
    };
    write("manifest.json", { version: "0.21.0", stacks });

    expect(readStacks(outdir)).toEqual(stacks);
  });
});

describe("a stack's content without CDKTF's metadata", () => {
  test("given `//` keys at the top, in nested objects and in objects inside lists, when read, then every one is gone and everything else is kept as it was", () => {
    write("stacks/tenant-acme/cdk.tf.json", {
      "//": { metadata: { version: "0.21.0", stackName: "tenant-acme" } },
      resource: {
        auth0_organization: {
          organization: { "//": { metadata: { path: "tenant-acme/organization" } }, name: "acme", metadata: {}, branding: null, token_lifetime: 0 },
        },
        auth0_organization_connections: {
          connections: { enabled_connections: [{ "//": "a construct path", connection_id: "con_1", show_as_button: true }, "plain", 3, null] },
        },
      },
    });

    const content = stackContent(outdir, { synthesizedStackPath: "stacks/tenant-acme/cdk.tf.json" });

    expect(content).toBe(
      JSON.stringify({
        resource: {
          auth0_organization: { organization: { name: "acme", metadata: {}, branding: null, token_lifetime: 0 } },
          auth0_organization_connections: { connections: { enabled_connections: [{ connection_id: "con_1", show_as_button: true }, "plain", 3, null] } },
        },
      }),
    );
  });

  test("given two outputs that differ only in their metadata (another CDKTF version, another construct path), when read, then their contents are equal", () => {
    write("stacks/tenant-acme/a.json", { "//": { metadata: { version: "0.20.0" } }, output: { organization_id: { value: "x" } } });
    write("stacks/tenant-acme/b.json", { "//": { metadata: { version: "0.21.0" } }, output: { organization_id: { value: "x" } } });

    expect(stackContent(outdir, { synthesizedStackPath: "stacks/tenant-acme/a.json" })).toBe(stackContent(outdir, { synthesizedStackPath: "stacks/tenant-acme/b.json" }));
  });
});
