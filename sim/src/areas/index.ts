// The Auth0 areas the simulator models, one module each, like internal/auth0/<area> in
// the provider. A new area is a new module listed here (see engine/spec.ts for what it declares).
import type { Area } from "../engine/spec";
import { client } from "./client";
import { connection } from "./connection";
import { organization } from "./organization";
import { other } from "./other";
import { resourceServer } from "./resource-server";
import { role } from "./role";
import { user } from "./user";

export const AREAS: readonly Area[] = [organization, connection, client, resourceServer, role, user, other];
