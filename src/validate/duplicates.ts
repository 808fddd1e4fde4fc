import { ConfigError, errors, JsonPath } from "../errors";

/** One error for each entry whose key was already seen earlier in the same list. */
export function duplicateErrors<T>(
  file: string,
  items: readonly T[],
  keyOf: (item: T) => string | undefined,
  pathOf: (index: number) => JsonPath,
  kind: string,
): ConfigError[] {
  const firstIndex = new Map<string, number>();
  const found: ConfigError[] = [];
  items.forEach((item, index) => {
    const key = keyOf(item);
    if (key === undefined) return;
    const first = firstIndex.get(key);
    if (first === undefined) firstIndex.set(key, index);
    else found.push(errors.duplicateEntry(file, pathOf(index), kind, key, pathOf(first)));
  });
  return found;
}
