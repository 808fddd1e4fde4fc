import { ConfigError, errors, JsonPath } from "../errors";

/**
 * One error for each entry whose key was already seen earlier in the same list. `shown`
 * is what the error says was received, when the compared key is a normalized form.
 */
export function duplicateErrors<T>(
  file: string,
  items: readonly T[],
  keyOf: (item: T) => string | undefined,
  pathOf: (index: number) => JsonPath,
  kind: string,
  shown: (item: T) => unknown = keyOf,
): ConfigError[] {
  const firstIndex = new Map<string, number>();
  const found: ConfigError[] = [];
  items.forEach((item, index) => {
    const key = keyOf(item);
    if (key === undefined) return;
    const first = firstIndex.get(key);
    if (first === undefined) firstIndex.set(key, index);
    else found.push(errors.duplicateEntry(file, pathOf(index), kind, shown(item), pathOf(first)));
  });
  return found;
}
