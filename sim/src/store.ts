// The simulated Auth0 tenant: one JSON file, named by AUTH0_SIM_STATE, read fresh on
// every call and replaced atomically after every change, so tests can seed it and edit
// it between Terraform runs (out-of-band edits show up as drift).
//
// Shape (a missing file, or one without "resources", is a new Auth0 tenant: see
// areas/new-tenant.ts; AUTH0_SIM_TENANT=empty starts with no resources at all instead):
//
//   {
//     "users": {
//       "<user_id>": { "user_id": "auth0|...", "email": "...", "name": "...", ...any other
//                      auth0_user data source attribute (nickname, email_verified, ...) }
//     },
//     "resources": {
//       "<resource type, e.g. auth0_organization>": {
//         "<id>": { ...the resource's state attributes as plain JSON: nested blocks as
//                   arrays of objects, sets as arrays, "id" equal to the key... }
//       }
//     }
//   }
//
// Association resources are keyed by the id their import documentation gives, e.g.
// auth0_organization_member "org_xxx::auth0|yyy", auth0_organization_connections "org_xxx".
import * as fs from "fs";
import * as path from "path";
import { newTenantResources } from "./areas/new-tenant";

export type Json = null | string | number | boolean | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface User extends JsonObject {
  user_id: string;
}

export interface World {
  users: Record<string, User>;
  resources: Record<string, Record<string, JsonObject>>;
}

export function storePath(): string {
  const file = process.env.AUTH0_SIM_STATE;
  if (!file) throw new Error("AUTH0_SIM_STATE is not set: it must name the JSON file that holds the simulated Auth0 tenant");
  return path.resolve(file);
}

export function loadWorld(): World {
  const file = storePath();
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return { users: {}, resources: freshResources() };
    throw e;
  }
  let raw: Partial<World>;
  try {
    raw = text.trim() === "" ? {} : JSON.parse(text);
  } catch (e) {
    throw new Error(`the simulated Auth0 ${file} is not valid JSON (${(e as Error).message}); fix the edit or delete the file to start empty`);
  }
  const users: Record<string, User> = {};
  // Seeded users may omit user_id inside the object; the key is the id.
  for (const [id, u] of Object.entries(raw.users ?? {})) users[id] = { ...u, user_id: typeof u.user_id === "string" ? u.user_id : id };
  return { users, resources: raw.resources ?? freshResources() };
}

/** The resources of a tenant nothing was applied to yet. */
function freshResources(): World["resources"] {
  return process.env.AUTH0_SIM_TENANT === "empty" ? {} : newTenantResources();
}

export function saveWorld(world: World): void {
  const file = storePath();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(world, null, 2)}\n`);
  fs.renameSync(tmp, file);
}

export function resourcesOf(world: World, type: string): Record<string, JsonObject> {
  return (world.resources[type] ??= {});
}

/** A stored object with its key as id (hand-written entries may leave "id" out). */
export function getResource(world: World, type: string, id: string): JsonObject | undefined {
  const obj = world.resources[type]?.[id];
  return obj ? { ...obj, id } : undefined;
}

export function findUser(world: World, userId: string): User | undefined {
  const seeded = world.users[userId];
  if (seeded) return seeded;
  // Users created through auth0_user resources count too.
  for (const u of Object.values(world.resources.auth0_user ?? {})) {
    if (u.user_id === userId || u.id === userId) return { ...u, user_id: userId };
  }
  return undefined;
}

// ---- changes: one writer at a time across processes ----
// Terraform may start several provider processes per command, and tools such as
// `cdktf deploy` run several stacks at once, so a read-modify-write holds a lock file.

const LOCK_STALE_MS = 10_000;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Takes the lock and returns the token written in it, so that only its holder removes it. */
function acquireLock(lock: string): string {
  const token = `${process.pid}-${Date.now()}-${Math.random()}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      fs.writeFileSync(lock, token, { flag: "wx" });
      return token;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      try {
        // A lock left by a killed process must not block forever.
        if (Date.now() - fs.statSync(lock).mtimeMs > LOCK_STALE_MS) fs.rmSync(lock, { force: true });
      } catch {
        // the holder released it meanwhile
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for the store lock ${lock}; if no Terraform command is running, delete it`);
      Atomics.wait(sleeper, 0, 0, 5);
    }
  }
}

function releaseLock(lock: string, token: string): void {
  try {
    if (fs.readFileSync(lock, "utf8") === token) fs.rmSync(lock);
  } catch {
    // already removed as stale by another process
  }
}

/** Runs `fn` holding the store lock (files beside the store, such as the rate limiter's, change under it too). */
export function withStoreLock<T>(fn: () => T): T {
  const lock = `${storePath()}.lock`;
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  const token = acquireLock(lock);
  try {
    return fn();
  } finally {
    releaseLock(lock, token);
  }
}

/** Runs `change` on a freshly loaded store and saves it when `change` returns true. */
export function updateWorld(change: (world: World) => boolean): void {
  withStoreLock(() => {
    const world = loadWorld();
    if (change(world)) saveWorld(world);
  });
}
