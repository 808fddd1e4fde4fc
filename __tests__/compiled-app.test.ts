import { runApp } from "./support/compiled-app";
import { minimalTenant, TempProject } from "./support/project";

/** The compiled app run as a whole process: its one failure path (the threads are in compiled-app.integration.test.ts). */
describe("given a tenant file with an unknown role", () => {
  test("when the compiled app runs, then it exits 1 with the error on stderr and writes nothing", () => {
    const project = new TempProject();
    try {
      project.tenant("broken", { ...minimalTenant("broken"), members: [{ userId: "auth0|1", roles: ["owner"] }] });
      const run = runApp(project.env as Record<string, string>);
      expect(run.status).toBe(1);
      expect(run.stdout).toBe("");
      expect(run.stderr).toContain(`${project.tenantsDir}/broken.json:`);
      expect(run.stderr).toContain(`$.members[0].roles[0]: role "owner" is not defined in ${project.platformFile}`);
      expect(run.stderr).toContain("Nothing was written.");
      expect(project.outputFiles()).toEqual([]);
    } finally {
      project.remove();
    }
  });
});
