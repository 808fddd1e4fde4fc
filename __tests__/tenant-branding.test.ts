import * as fs from "fs";
import * as path from "path";
import { minimalTenant, synthStack, TempProject } from "./support/project";

/** Branding written as the file gives it: only the parts it sets, so Auth0 keeps no stale colour. */
const FIXTURE_PLATFORM = JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", "stacks", "platform.json"), "utf8"));

let project: TempProject;
beforeEach(() => (project = new TempProject(FIXTURE_PLATFORM)));
afterEach(() => project.remove());

function organizationOf(branding: Record<string, unknown>): Record<string, any> {
  project.tenant("brand", { ...minimalTenant("brand"), branding });
  return synthStack(project.fleet(), "tenant-brand");
}

describe("given a tenant file whose branding is a logo only", () => {
  test("then the organization's branding is the logo URL without colours, and the stack has no unmanaged-branding check", () => {
    const stack = organizationOf({ logoUrl: "https://cdn.brand.example/logo.png" });
    expect(stack.resource.auth0_organization.organization.branding).toEqual({ logo_url: "https://cdn.brand.example/logo.png" });
    expect(stack.check).toBeUndefined();
  });
});

describe("given a tenant file whose branding has a primary colour and no page background", () => {
  test("then the colours map holds the primary colour only", () => {
    const stack = organizationOf({ colors: { primary: "#0055aa" } });
    expect(stack.resource.auth0_organization.organization.branding).toEqual({ colors: { primary: "#0055aa" } });
  });
});
