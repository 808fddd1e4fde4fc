import * as http from "http";
import { AddressInfo } from "net";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { AmbiguousObjectError, ManagementApiFinder, NATURAL_KEY, SimulatorFinder } from "../src/deploy/adopt-finders";

/**
 * The finders `tenants adopt` uses, on one simulated tenant: read from the simulator's
 * store, and through the Management API, served here from the same store by a minimal
 * HTTP stand-in for the endpoints the finder calls (token, then GETs with the bearer token).
 */
const store = {
  resources: {
    auth0_organization: { org_1: { name: "acme" }, org_2: { name: "globex" } },
    auth0_client: Object.fromEntries(Array.from({ length: 130 }, (_, i) => [`client${i}`, { name: i === 120 ? "acme-billing-sync" : `other-${i}`, client_id: `client${i}` }])),
    auth0_client_grant: { cgr_1: { client_id: "client120", audience: "https://api.example" } },
    auth0_organization_member: { "org_1::auth0|u1": { organization_id: "org_1", user_id: "auth0|u1" } },
    auth0_organization_member_roles: { "org_1::auth0|u1": { organization_id: "org_1", user_id: "auth0|u1" } },
    auth0_organization_client_grant: { "org_1::cgr_1": { organization_id: "org_1", grant_id: "cgr_1" } },
    auth0_organization_connections: { org_1: { organization_id: "org_1" } },
    auth0_resource_server: { rs_1: { identifier: "https://api.example" } },
    auth0_role: { rol_1: { name: "Organization Admin" }, rol_2: { name: "Organization Admin (old)" } },
    auth0_connection: { con_1: { name: "Username-Password-Authentication" } },
  } as Record<string, Record<string, Record<string, string>>>,
};

const objects = (type: string): Array<Record<string, string>> => Object.entries(store.resources[type] ?? {}).map(([id, o]) => ({ id, ...o }));

let server: http.Server;
let base: string;
const requests: string[] = [];
beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url!, "http://x");
    const p = url.pathname;
    const q = url.searchParams;
    requests.push(`${req.method} ${p}`);
    const json = (status: number, body: unknown) => (res.writeHead(status, { "content-type": "application/json" }), res.end(JSON.stringify(body)));
    if (req.method === "POST" && p === "/oauth/token") return json(200, { access_token: "token-1" });
    if (req.headers.authorization !== "Bearer token-1") return json(401, { message: "no token" });
    const page = <T>(items: T[], field: string) => {
      const n = Number(q.get("page") ?? 0);
      const per = Number(q.get("per_page") ?? 50);
      return json(200, { [field]: items.slice(n * per, n * per + per), total: items.length });
    };
    let m: RegExpMatchArray | null;
    if ((m = p.match(/^\/api\/v2\/organizations\/name\/(.+)$/))) {
      const org = objects("auth0_organization").find((o) => o.name === decodeURIComponent(m![1]));
      return org ? json(200, org) : json(404, {});
    }
    if (p === "/api/v2/clients") return page(objects("auth0_client"), "clients");
    if (p === "/api/v2/client-grants") return json(200, objects("auth0_client_grant").filter((g) => g.client_id === q.get("client_id") && g.audience === q.get("audience")));
    if ((m = p.match(/^\/api\/v2\/resource-servers\/(.+)$/))) {
      const rs = objects("auth0_resource_server").find((r) => r.identifier === decodeURIComponent(m![1]) || r.id === m![1]);
      return rs ? json(200, rs) : json(404, {});
    }
    if (p === "/api/v2/roles") return page(objects("auth0_role").filter((r) => r.name.includes(q.get("name_filter") ?? "")), "roles");
    if (p === "/api/v2/connections") return json(200, objects("auth0_connection").filter((c) => c.name === q.get("name")));
    if ((m = p.match(/^\/api\/v2\/organizations\/([^/]+)\/members$/))) return page(objects("auth0_organization_member").filter((x) => x.organization_id === m![1]), "members");
    if ((m = p.match(/^\/api\/v2\/organizations\/([^/]+)\/client-grants$/))) return page(objects("auth0_organization_client_grant").filter((x) => x.organization_id === m![1]).map((x) => ({ id: x.grant_id })), "client_grants");
    return json(404, {});
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "adopt-finders-"))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const cases: Array<[string, Record<string, string>, string | undefined]> = [
  ["auth0_organization", { name: "acme" }, "org_1"],
  ["auth0_organization", { name: "initech" }, undefined],
  ["auth0_client", { name: "acme-billing-sync" }, "client120"],
  ["auth0_client_grant", { client_id: "client120", audience: "https://api.example" }, "cgr_1"],
  ["auth0_organization_member", { organization_id: "org_1", user_id: "auth0|u1" }, "org_1::auth0|u1"],
  ["auth0_organization_member", { organization_id: "org_1", user_id: "auth0|u2" }, undefined],
  ["auth0_organization_member_roles", { organization_id: "org_1", user_id: "auth0|u1" }, "org_1::auth0|u1"],
  ["auth0_organization_client_grant", { organization_id: "org_1", grant_id: "cgr_1" }, "org_1::cgr_1"],
  ["auth0_organization_connections", { organization_id: "org_1" }, "org_1"],
  ["auth0_resource_server", { identifier: "https://api.example" }, "rs_1"],
  ["auth0_role", { name: "Organization Admin" }, "rol_1"],
  ["auth0_connection", { name: "Username-Password-Authentication" }, "con_1"],
];

describe.each(cases)("given a %s with %j", (type, key, expected) => {
  test(`when looked up in the simulator's store and through the Management API, then both answer ${expected ?? "nothing"}`, async () => {
    const file = path.join(dir, "auth0.json");
    fs.writeFileSync(file, JSON.stringify(store));
    expect(Object.keys(key).sort()).toEqual([...NATURAL_KEY[type]].sort());
    expect(await new SimulatorFinder(file).find(type, key)).toBe(expected);
    const api = ManagementApiFinder.fromEnv({ AUTH0_DOMAIN: base, AUTH0_CLIENT_ID: "id", AUTH0_CLIENT_SECRET: "secret" });
    expect(await api.find(type, key)).toBe(expected);
  });
});

test("given clients listed over two pages, when looked up through the Management API, then the second page is read and only one token is asked for", async () => {
  requests.length = 0;
  const api = ManagementApiFinder.fromEnv({ AUTH0_DOMAIN: base, AUTH0_CLIENT_ID: "id", AUTH0_CLIENT_SECRET: "secret" });
  expect(await api.find("auth0_client", { name: "acme-billing-sync" })).toBe("client120");
  expect(await api.find("auth0_client", { name: "other-3" })).toBe("client3");
  expect(requests).toEqual(["POST /oauth/token", "GET /api/v2/clients", "GET /api/v2/clients", "GET /api/v2/clients", "GET /api/v2/clients"]);
});

test("given two objects with one key in the store, when looked up, then it refuses to guess", async () => {
  const file = path.join(dir, "auth0.json");
  fs.writeFileSync(file, JSON.stringify({ resources: { auth0_client: { a: { name: "x" }, b: { name: "x" } } } }));
  await expect(new SimulatorFinder(file).find("auth0_client", { name: "x" })).rejects.toThrow(new AmbiguousObjectError('2 auth0_client objects have name "x": a, b'));
});

test("given no credentials, when the Management API finder is made, then it says which variables to set", () => {
  expect(() => ManagementApiFinder.fromEnv({})).toThrow("AUTH0_DOMAIN, AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET must be set (the deploy credential) to look objects up in Auth0");
});
