import { changeScope } from "../src/review/change-scope";

describe("what a change can have changed", () => {
  test("given only tenant files, then only those tenants need building", () => {
    expect(changeScope(["tenants/alpha.json", "tenants/new.json"])).toEqual({ kind: "tenants", tenants: ["alpha", "new"] });
  });

  test("given no file, then no tenant needs building", () => {
    expect(changeScope([])).toEqual({ kind: "tenants", tenants: [] });
  });

  test.each([["platform.json"], ["state-backend.json"]])("given %s with tenant files, then both sides are built in full with this code", (file) => {
    expect(changeScope(["tenants/alpha.json", file])).toEqual({ kind: "config" });
  });

  test.each([["src/stacks/tenant-stack.ts"], ["package-lock.json"], ["provider-schema/auth0-v1.55.0.json"], ["tenants/nested/x.json"], ["tenants/notes.md"], ["src/tenants/x.json"], ["tenants/x.json.bak"], ["tenants/x.json/y"]])(
    "given %s changed, then each side must be built with its own code",
    (file) => {
      expect(changeScope(["tenants/alpha.json", file])).toEqual({ kind: "code" });
    },
  );
});
