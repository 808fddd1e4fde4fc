import { Fetch, GitHubApi } from "../../src/ci/github-api";

export interface FakeCall {
  readonly method: string;
  /** Path below the API root, without the page size query. */
  readonly path: string;
  readonly body?: unknown;
}

/**
 * A GitHub REST API in memory: `routes` maps "METHOD /path" to the JSON answered (a
 * number answers that HTTP status instead); unknown routes answer 404. Every call is kept.
 */
export function fakeGitHub(routes: Record<string, unknown>): { api: GitHubApi; calls: FakeCall[] } {
  const calls: FakeCall[] = [];
  const fetch: Fetch = async (url, init) => {
    const method = init?.method ?? "GET";
    const path = url.replace("https://api.test", "").replace(/[?&]per_page=100$/, "");
    calls.push({ method, path, ...(init?.body ? { body: JSON.parse(init.body) } : {}) });
    const answer = routes[`${method} ${path}`];
    const status = answer === undefined ? 404 : typeof answer === "number" ? answer : 200;
    return {
      ok: status < 300,
      status,
      headers: { get: () => null },
      json: async () => answer ?? {},
      text: async () => (status < 300 ? JSON.stringify(answer) : `{"message":"status ${status}"}`),
    };
  };
  return { api: new GitHubApi({ repository: "acme/auth0-tenants", token: "t", apiUrl: "https://api.test", fetch }), calls };
}
