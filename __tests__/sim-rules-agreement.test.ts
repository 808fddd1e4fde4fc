import * as limits from "../src/model/auth0-limits";
import * as auth0 from "../sim/src/areas/organization";

/**
 * The project's validation must refuse everything the simulated Auth0 refuses (else a
 * pull request passes and the apply fails), so it is at least as strict as the
 * simulator's Auth0 rules. It may be stricter (it refuses a leading "-" or "_").
 */
describe("validation is at least as strict as the simulator's Auth0 rules", () => {
  const projectAccepts = (name: string) => limits.ORGANIZATION_NAME.test(name) && name.length <= limits.ORGANIZATION_NAME_MAX;
  const auth0Accepts = (name: string) => auth0.ORGANIZATION_NAME.pattern.test(name) && name.length <= auth0.ORGANIZATION_NAME.max;

  /** Every name of up to 3 characters over an alphabet with each class of character, and long ones around the limit. */
  const names = (): string[] => {
    const alphabet = ["a", "z", "0", "9", "-", "_", "A", " ", ".", "é"];
    let level = [""];
    const all: string[] = [];
    for (let n = 1; n <= 3; n++) {
      level = level.flatMap((prefix) => alphabet.map((c) => prefix + c));
      all.push(...level);
    }
    return [...all, "a".repeat(50), "a".repeat(51), `${"a".repeat(49)}-`, "acme-", "acme_"];
  };

  test("given every short organization name, when the project accepts it, then the simulated Auth0 accepts it too", () => {
    const sample = names();
    expect(sample.length).toBeGreaterThan(1000);
    expect(sample.filter((name) => projectAccepts(name) && !auth0Accepts(name))).toEqual([]);
  });

  test("given a trailing '-' or '_', when checked, then both the project and Auth0 accept it (Auth0's documented rule has no end restriction)", () => {
    expect(["acme-", "acme_"].map((n) => [projectAccepts(n), auth0Accepts(n)])).toEqual([
      [true, true],
      [true, true],
    ]);
  });

  test("given the organization's limits, when compared, then the project allows no more than Auth0", () => {
    expect(limits.DISPLAY_NAME_MAX).toBeLessThanOrEqual(auth0.DISPLAY_NAME_MAX);
    expect(limits.METADATA_MAX_KEYS).toBeLessThanOrEqual(auth0.METADATA_MAX_KEYS);
    expect(limits.METADATA_VALUE_MAX).toBeLessThanOrEqual(auth0.METADATA_VALUE_MAX);
  });
});
