/**
 * The few Auth0 Management API calls the real-tenant story makes around Terraform: users to
 * be members (Terraform does not manage users), a connection that exists before the run (to
 * prove adoption), what Auth0 holds afterwards, and the clean-up of everything the run named.
 * Credentials are the provider's own: AUTH0_DOMAIN, AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET.
 */
export interface Auth0Credentials {
  readonly domain: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

export class Auth0ManagementError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

type Json = Record<string, any>;

export class Auth0Management {
  private token?: string;

  constructor(private readonly credentials: Auth0Credentials) {}

  private get base(): string {
    return `https://${this.credentials.domain}`;
  }

  private async accessToken(): Promise<string> {
    if (this.token) return this.token;
    const response = await fetch(`${this.base}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        grant_type: "client_credentials",
        client_id: this.credentials.clientId,
        client_secret: this.credentials.clientSecret,
        audience: `${this.base}/api/v2/`,
      }),
    });
    if (!response.ok) throw new Auth0ManagementError(response.status, `token request to ${this.credentials.domain} failed: ${response.status} ${await response.text()}`);
    this.token = ((await response.json()) as { access_token: string }).access_token;
    return this.token;
  }

  /** One Management API call; a 404 is `undefined`, any other failure throws with Auth0's answer. */
  async request<T = Json>(method: string, path: string, body?: unknown): Promise<T | undefined> {
    for (let attempt = 0; ; attempt++) {
      const response = await fetch(`${this.base}/api/v2${path}`, {
        method,
        headers: { authorization: `Bearer ${await this.accessToken()}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      // The Management API is rate-limited: wait as it asks, a few times.
      if (response.status === 429 && attempt < 5) {
        await sleep(1000 * Number(response.headers.get("retry-after") ?? 2));
        continue;
      }
      if (response.status === 404) return undefined;
      const text = await response.text();
      if (!response.ok) throw new Auth0ManagementError(response.status, `${method} ${path}: ${response.status} ${text}`);
      return (text ? JSON.parse(text) : {}) as T;
    }
  }

  async createDatabaseConnection(name: string): Promise<Json> {
    return (await this.request("POST", "/connections", { name, strategy: "auth0" }))!;
  }

  /** Enables a connection for clients, as the dashboard or another tool would have. */
  async enableClients(connectionId: string, clientIds: readonly string[]): Promise<void> {
    await this.request(
      "PATCH",
      `/connections/${connectionId}/clients`,
      clientIds.map((client_id) => ({ client_id, status: true })),
    );
  }

  async connectionByName(name: string): Promise<Json | undefined> {
    const found = await this.request<Json[]>("GET", `/connections?name=${encodeURIComponent(name)}`);
    return found?.[0];
  }

  async createUser(connection: string, email: string): Promise<Json> {
    // A throwaway password the run never uses: these users never log in.
    const password = `E2e!${crypto.randomUUID()}`;
    return (await this.request("POST", "/users", { connection, email, password, email_verified: true }))!;
  }

  /**
   * Waits until user search finds exactly one user for a query: a user just created takes
   * a moment to be indexed, and the provider's `auth0_user` lookup searches the same index.
   */
  async waitForSearch(query: string, timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = await this.request<Json[]>("GET", `/users?search_engine=v3&q=${encodeURIComponent(query)}`);
      if (found?.length === 1) return;
      if (Date.now() > deadline) throw new Error(`user search for ${query} found ${found?.length ?? 0} users after ${timeoutMs / 1000} s`);
      await sleep(3000);
    }
  }

  organizationByName(name: string): Promise<Json | undefined> {
    return this.request("GET", `/organizations/name/${encodeURIComponent(name)}`);
  }

  client(clientId: string): Promise<Json | undefined> {
    return this.request("GET", `/clients/${encodeURIComponent(clientId)}`);
  }

  tenantSettings(): Promise<Json | undefined> {
    return this.request("GET", "/tenants/settings");
  }

  /**
   * Deletes whatever a run named with `prefix` and left behind (a run stopped half-way):
   * organizations, clients, roles, the API, connections (their users go with them), users.
   * Every deletion is attempted; the failures are returned, not thrown.
   */
  async sweep(prefix: string, apiIdentifier: string): Promise<string[]> {
    const failures: string[] = [];
    const attempt = async (what: string, call: () => Promise<unknown>) => {
      try {
        await call();
      } catch (error) {
        failures.push(`${what}: ${(error as Error).message}`);
      }
    };
    const named = (items: Json[] | undefined, key = "name") => (items ?? []).filter((item) => String(item[key] ?? "").startsWith(prefix));

    for (const org of named(await this.request<Json[]>("GET", "/organizations?per_page=100"))) await attempt(`organization ${org.name}`, () => this.request("DELETE", `/organizations/${org.id}`));
    for (const client of named(await this.request<Json[]>("GET", "/clients?per_page=100&fields=client_id,name"))) {
      await attempt(`client ${client.name}`, () => this.request("DELETE", `/clients/${client.client_id}`));
    }
    for (const role of named(await this.request<Json[]>("GET", `/roles?per_page=100&name_filter=${encodeURIComponent(prefix)}`))) await attempt(`role ${role.name}`, () => this.request("DELETE", `/roles/${role.id}`));
    const api = await this.request<Json>("GET", `/resource-servers/${encodeURIComponent(apiIdentifier)}`);
    if (api) await attempt(`API ${apiIdentifier}`, () => this.request("DELETE", `/resource-servers/${api.id}`));
    for (const user of named(await this.request<Json[]>("GET", `/users?search_engine=v3&q=${encodeURIComponent(`email:${prefix}*`)}`), "email")) {
      await attempt(`user ${user.email}`, () => this.request("DELETE", `/users/${encodeURIComponent(user.user_id)}`));
    }
    for (const connection of named(await this.request<Json[]>("GET", "/connections?per_page=100&strategy=auth0"))) {
      await attempt(`connection ${connection.name}`, () => this.request("DELETE", `/connections/${connection.id}`));
    }
    return failures;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
