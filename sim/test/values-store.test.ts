// The simulator's value encoding and its store, in process.
import * as fs from "fs";
import { onApiCall } from "../src/engine/api";
import { error } from "../src/diagnostics";
import { loadWorld, storePath, updateWorld } from "../src/store";
import { decodeDynamic, encodeDynamic, normalizeBlock, normalizeType, sameValue, UNKNOWN } from "../src/values";
import { applyConfig, created, summaries, useTenant } from "./support";

describe("values (Terraform's msgpack wire format and schema types)", () => {
  test("given a value with an unknown inside, when encoded and decoded, then it comes back with the unknown", () => {
    const value = { id: "org_1", tags: ["a", UNKNOWN], n: 3, ok: true, none: null };
    expect(decodeDynamic(encodeDynamic(value))).toEqual(value);
  });

  test("given loose JSON, when shaped to a type, then numbers, bools and strings are coerced as Terraform expects", () => {
    expect(normalizeType("42", "number")).toBe(42);
    expect(normalizeType("x", "number")).toBeNull();
    expect(normalizeType("true", "bool")).toBe(true);
    expect(normalizeType(7, "string")).toBe("7");
    expect(normalizeType({ a: 1 }, ["map", "string"])).toEqual({ a: "1" });
  });

  test("given an object missing attributes and blocks, when shaped to a block, then every attribute is present and list blocks are empty, not null", () => {
    const block = { attributes: { name: { type: "string", required: true } }, block_types: { branding: { nesting_mode: "list" as const, block: { attributes: { logo_url: { type: "string" } } } } } };
    expect(normalizeBlock({ extra: 1 }, block)).toEqual({ name: null, branding: [] });
    expect(normalizeBlock({ branding: { logo_url: "u" } }, block)).toEqual({ name: null, branding: [{ logo_url: "u" }] });
  });

  test("given two sets in different orders, then they are the same value; two lists in different orders are not", () => {
    expect(sameValue(["a", "b"], ["b", "a"], ["set", "string"])).toBe(true);
    expect(sameValue(["a", "b"], ["b", "a"], ["list", "string"])).toBe(false);
    expect(sameValue(UNKNOWN, UNKNOWN, "string")).toBe(false);
  });
});

describe("store (one JSON file, locked while changed)", () => {
  test("given a store file that is not JSON, when loaded, then the error names the file and what to do", () => {
    useTenant();
    fs.writeFileSync(storePath(), "{ nope");
    expect(() => loadWorld()).toThrow(/is not valid JSON .*fix the edit or delete the file to start empty/);
  });

  test("given a change that returns false, when run, then nothing is written and the lock is released", () => {
    useTenant({ resources: {} });
    const before = fs.readFileSync(storePath(), "utf8");
    updateWorld((world) => {
      world.resources.auth0_role = { rol_x: { id: "rol_x", name: "x" } };
      return false;
    });
    expect(fs.readFileSync(storePath(), "utf8")).toBe(before);
    expect(fs.existsSync(`${storePath()}.lock`)).toBe(false);
  });

  test("given a lock left by a killed process, when a change runs, then the stale lock is taken over", () => {
    useTenant({ resources: {} });
    const lock = `${storePath()}.lock`;
    fs.writeFileSync(lock, "someone-else");
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(lock, old, old);
    updateWorld((world) => {
      world.resources.auth0_role = {};
      return true;
    });
    expect(loadWorld().resources.auth0_role).toEqual({});
    expect(fs.existsSync(lock)).toBe(false);
  });

  test("given seeded users without user_id, when loaded, then the key is their id", () => {
    useTenant({ resources: {}, users: { "auth0|1": { email: "a@b.example" } as never } });
    expect(loadWorld().users["auth0|1"]).toEqual({ email: "a@b.example", user_id: "auth0|1" });
  });
});

describe("every Management API call goes through callApi (engine/api.ts)", () => {
  test("given a hook that refuses requests, when an apply calls the API, then the apply fails with the hook's error and Auth0 is unchanged", () => {
    const { world } = useTenant({ resources: {} });
    const org = created("auth0_organization", { name: "acme" });
    const stop = onApiCall((call) => (call.method === "PATCH" ? error("429 Too Many Requests", `refused ${call.method} ${call.path}`) : undefined));
    try {
      const step = applyConfig("auth0_organization", { name: "acme", display_name: "Acme" }, org);
      expect(summaries(step.diagnostics)).toEqual(["429 Too Many Requests"]);
      expect(step.diagnostics[0].detail).toBe(`refused PATCH /api/v2/organizations/${org.id}`);
      expect(world().resources.auth0_organization[org.id as string].display_name).toBeNull();
    } finally {
      stop();
    }
  });
});
