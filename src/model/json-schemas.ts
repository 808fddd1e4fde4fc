import { z } from "zod";
import { PlatformFile } from "./platform-file";
import { StateBackendFile } from "./state-backend-file";
import { TenantFile } from "./tenant-file";

/**
 * The published JSON Schemas, generated from the zod schemas so that editors check files
 * by exactly the rules synth applies. `npm run schemas` writes them; a test keeps the
 * committed copies in step.
 */
export const JSON_SCHEMA_FILES = {
  "schemas/tenant.schema.json": TenantFile,
  "schemas/platform.schema.json": PlatformFile,
  "schemas/state-backend.schema.json": StateBackendFile,
} as const;

export function jsonSchemaText(schema: z.ZodType): string {
  // "input": what a person writes, so fields with defaults are optional.
  return `${JSON.stringify(z.toJSONSchema(schema, { io: "input", target: "draft-2020-12" }), null, 2)}\n`;
}
