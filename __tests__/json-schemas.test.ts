import * as fs from "fs";
import * as path from "path";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { listTenantFiles } from "../src/load/config-files";
import { JSON_SCHEMA_FILES, jsonSchemaText } from "../src/model/json-schemas";
import { EXAMPLE_PLATFORM_FILE, EXAMPLE_TENANTS_DIR, minimalTenant, ROOT } from "./support/project";

const readJson = (file: string) => JSON.parse(fs.readFileSync(file, "utf8"));
const tenantFiles = listTenantFiles(EXAMPLE_TENANTS_DIR);

function editorValidator(schemaFile: string) {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(readJson(path.join(ROOT, schemaFile)));
}

describe("given the JSON Schemas published in schemas/", () => {
  test.each(Object.entries(JSON_SCHEMA_FILES))("then %s is exactly what the zod schema generates (run `npm run schemas` after changing a schema)", (file, schema) => {
    expect(fs.readFileSync(path.join(ROOT, file), "utf8")).toEqual(jsonSchemaText(schema));
  });

  test("then every example tenant file points its editor at the tenant schema and passes it", () => {
    const validate = editorValidator("schemas/tenant.schema.json");
    for (const file of tenantFiles) {
      const tenant = readJson(file);
      expect(tenant.$schema).toBe("../schemas/tenant.schema.json");
      expect({ file, valid: validate(tenant), errors: validate.errors }).toEqual({ file, valid: true, errors: null });
    }
  });

  test("then the platform file points its editor at the platform schema and passes it", () => {
    const validate = editorValidator("schemas/platform.schema.json");
    const platform = readJson(EXAMPLE_PLATFORM_FILE);
    expect(platform.$schema).toBe("./schemas/platform.schema.json");
    expect(validate(platform)).toBe(true);
  });

  test("when a tenant file has a typo in a key or a colour that is not hex, then the editor's schema flags both", () => {
    const validate = editorValidator("schemas/tenant.schema.json");
    const tenant = { ...minimalTenant(), displayNme: "Typo", branding: { colors: { primary: "red" } } };
    expect(validate(tenant)).toBe(false);
    expect(validate.errors?.map((e) => `${e.instancePath} ${e.keyword}`).sort()).toEqual([" additionalProperties", "/branding/colors/primary pattern"]);
  });
});
