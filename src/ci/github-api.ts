/**
 * The few GitHub REST calls the plan job makes, with the job's own token. `fetch` is
 * injectable so tests run the callers in-process against a fake.
 */
export type Fetch = (url: string, init?: { method?: string; headers?: Record<string, string>; body?: string }) => Promise<{
  ok: boolean;
  status: number;
  headers: { get(name: string): string | null };
  json(): Promise<unknown>;
  text(): Promise<string>;
}>;

export interface GitHubApiProps {
  /** `owner/name`. */
  readonly repository: string;
  readonly token: string;
  /** @default "https://api.github.com" (GITHUB_API_URL in Actions) */
  readonly apiUrl?: string;
  /** @default global fetch */
  readonly fetch?: Fetch;
}

export class GitHubApiError extends Error {
  constructor(
    readonly status: number,
    method: string,
    path: string,
    detail: string,
  ) {
    super(`GitHub API ${method} ${path} answered ${status}: ${detail.slice(0, 200)}`);
    this.name = "GitHubApiError";
  }
}

export class GitHubApi {
  private readonly base: string;
  private readonly fetch: Fetch;

  constructor(private readonly props: GitHubApiProps) {
    this.base = (props.apiUrl ?? "https://api.github.com").replace(/\/$/, "");
    this.fetch = props.fetch ?? (globalThis.fetch as unknown as Fetch);
  }

  /** `path` below the repository, e.g. `pulls/7`; an absolute `/orgs/...` path as it is. */
  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    return (await this.send(method, this.url(path), body)).json() as Promise<T>;
  }

  /** Every page of a list (100 a page, following the Link header). */
  async list<T>(path: string): Promise<T[]> {
    const items: T[] = [];
    let next: string | undefined = `${this.url(path)}${path.includes("?") ? "&" : "?"}per_page=100`;
    while (next) {
      const response = await this.send("GET", next);
      items.push(...((await response.json()) as T[]));
      next = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get("link") ?? "")?.[1];
    }
    return items;
  }

  private url(path: string): string {
    return path.startsWith("/") ? `${this.base}${path}` : `${this.base}/repos/${this.props.repository}/${path}`;
  }

  private async send(method: string, url: string, body?: unknown) {
    const response = await this.fetch(url, {
      method,
      headers: {
        accept: "application/vnd.github+json",
        authorization: `Bearer ${this.props.token}`,
        "x-github-api-version": "2022-11-28",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new GitHubApiError(response.status, method, url.slice(this.base.length), await response.text());
    return response;
  }
}
