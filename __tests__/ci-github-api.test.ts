import { Fetch, GitHubApi } from "../src/ci/github-api";

/** A fetch that answers two pages of comments, then a 403 for anything else. */
const pages: Fetch = async (url, init) => {
  const page = url.endsWith("per_page=100") ? 1 : url.endsWith("page=2") ? 2 : 0;
  const headers: Record<string, string> = page === 1 ? { link: '<https://api.test/repos/o/r/issues/1/comments?per_page=100&page=2>; rel="next", <x>; rel="last"' } : {};
  return {
    ok: page > 0,
    status: page > 0 ? 200 : 403,
    headers: { get: (name: string) => headers[name] ?? null },
    json: async () => (page === 1 ? [{ id: 1 }] : [{ id: 2 }]),
    text: async () => (init?.headers?.authorization === "Bearer t0k" ? '{"message":"Resource not accessible by integration"}' : "no token sent"),
  };
};
const api = new GitHubApi({ repository: "o/r", token: "t0k", apiUrl: "https://api.test/", fetch: pages });

test("given a list over two pages, when listed, then every page is read by following the Link header", async () => {
  expect(await api.list("issues/1/comments")).toEqual([{ id: 1 }, { id: 2 }]);
});

test("given a refused call, when requested, then one error line names the call and the status", async () => {
  await expect(api.request("GET", "/orgs/o/teams/t/members")).rejects.toThrow(
    'GitHub API GET /orgs/o/teams/t/members answered 403: {"message":"Resource not accessible by integration"}',
  );
});
