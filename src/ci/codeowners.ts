/**
 * Who owns a file according to `.github/CODEOWNERS`, read the way GitHub reads it: the
 * last matching pattern wins; a pattern without a slash matches at any depth, one with a
 * leading or inner slash from the root; a trailing slash means a folder; `*` stays within
 * one path segment and `**` crosses them.
 * https://docs.github.com/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners
 */
export interface CodeownersRule {
  readonly pattern: string;
  readonly owners: readonly string[];
  readonly line: number;
  readonly matches: (file: string) => boolean;
}

export function parseCodeowners(text: string): CodeownersRule[] {
  return text.split("\n").flatMap((raw, index) => {
    const line = raw.replace(/(^|\s)#.*$/, "").trim();
    if (!line) return [];
    const [pattern, ...owners] = line.split(/\s+/);
    const regex = patternRegex(pattern);
    return [{ pattern, owners, line: index + 1, matches: (file: string) => regex.test(file) }];
  });
}

/** Owners of `file` (a path from the repository root, no leading slash); none when no rule matches. */
export function ownersOf(rules: readonly CodeownersRule[], file: string): readonly string[] {
  for (let i = rules.length - 1; i >= 0; i--) if (rules[i].matches(file)) return rules[i].owners;
  return [];
}

function patternRegex(pattern: string): RegExp {
  const folder = pattern.endsWith("/");
  const trimmed = pattern.replace(/^\//, "").replace(/\/$/, "");
  const anchored = pattern.startsWith("/") || trimmed.includes("/");
  const body = trimmed
    .split(/(\*\*\/?|\*|\?)/)
    .map((part) => {
      if (part === "**/") return "(?:.*/)?";
      if (part === "**") return ".*";
      if (part === "*") return "[^/]*";
      if (part === "?") return "[^/]";
      return part.replace(/[.+^${}()|[\]\\]/g, "\\$&");
    })
    .join("");
  // A pattern names a file or a folder; a folder owns everything under it.
  return new RegExp(`${anchored ? "^" : "^(?:.*/)?"}${body}${folder ? "/.*" : "(?:/.*)?"}$`);
}
