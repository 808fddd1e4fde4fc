import { z } from "zod";

/**
 * `state-backend.json` (optional; default local state): where Terraform keeps each stack's
 * state. Switching backends is a change to this file, not to code.
 */
const prefix = z.string().regex(/^[A-Za-z0-9_./-]*$/).default("");

export const StateBackendFile = z.discriminatedUnion("type", [
  z.strictObject({
    $schema: z.string().optional(),
    type: z.literal("local"),
    stateDir: z.string().min(1).default("terraform-state").meta({ description: "Folder with one <stack>.tfstate per stack: relative to the project, or an absolute path (kept as given)." }),
  }),
  z.strictObject({
    $schema: z.string().optional(),
    type: z.literal("s3"),
    bucket: z.string().min(3),
    region: z.string().min(1),
    keyPrefix: prefix.meta({ description: 'Prefix of every state key, e.g. "auth0/": the key is <prefix><stack>.tfstate.' }),
    dynamodbTable: z.string().min(1).optional().meta({ description: "Lock table; without it Terraform locks with a lock file in the bucket (use_lockfile)." }),
  }),
  z.strictObject({
    $schema: z.string().optional(),
    type: z.literal("cloud"),
    organization: z.string().min(1),
    hostname: z.string().default("app.terraform.io"),
    workspacePrefix: prefix.meta({ description: 'Prefix of every workspace name, e.g. "auth0-": the workspace is <prefix><stack>.' }),
  }),
]);

export type StateBackendConfig = z.output<typeof StateBackendFile>;

export const DEFAULT_STATE_BACKEND: StateBackendConfig = { type: "local", stateDir: "terraform-state" };
