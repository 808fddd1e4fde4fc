import * as limits from "../src/model/auth0-limits";

/**
 * Auth0's naming rules as this project checks them (`src/model/auth0-limits.ts`), each with
 * names it accepts and names it refuses, written out here. The schema's wording for each
 * refusal is tested in validation-errors.test.ts; these are the edges of the patterns.
 */
const verdicts = (pattern: RegExp, names: string[]) => Object.fromEntries(names.map((n) => [n, pattern.test(n)]));

describe("given an organization name", () => {
  test("when it is lowercase letters, digits, '-' and '_' starting with a letter or digit, then it is accepted, up to 50 characters", () => {
    const accepted = ["acme", "a", "0acme", "acme-corp", "acme_corp", "acme-", "organization", "org-acme", "a".repeat(50)];
    expect(accepted.filter((name) => !limits.isOrganizationName(name))).toEqual([]);
  });

  test("when it starts with org_, a capital, '-' or '_', holds another character, is empty or longer than 50, then it is refused", () => {
    const refused = ["org_acme", "Acme", "acmE", "-acme", "_acme", "acme corp", "acme.corp", "acmé", "", "a".repeat(51)];
    expect(refused.filter((name) => limits.isOrganizationName(name))).toEqual([]);
  });
});

describe("given a connection name", () => {
  test("when checked, then letters and digits joined by single dashes pass, and a leading, trailing or double dash or another character does not", () => {
    expect(verdicts(limits.CONNECTION_NAME, ["Username-Password-Authentication", "a", "A1", "acme-saml", "-acme", "acme-", "acme--saml", "acme_saml", "acme saml", ""])).toEqual({
      "Username-Password-Authentication": true,
      a: true,
      A1: true,
      "acme-saml": true,
      "-acme": false,
      "acme-": false,
      "acme--saml": false,
      acme_saml: false,
      "acme saml": false,
      "": false,
    });
  });
});

describe("given a brand colour", () => {
  test("when checked, then # with 3 or 6 hex digits of either case passes, and anything else does not", () => {
    expect(verdicts(limits.HEX_COLOR, ["#0059d6", "#FFF", "#abc", "#AbCdEf", "0059d6", "#0059d", "#0059d6f", "#1234", "#ggg", "x#fff", "#fffx"])).toEqual({
      "#0059d6": true,
      "#FFF": true,
      "#abc": true,
      "#AbCdEf": true,
      "0059d6": false,
      "#0059d": false,
      "#0059d6f": false,
      "#1234": false,
      "#ggg": false,
      "x#fff": false,
      "#fffx": false,
    });
  });
});

describe("given a role or agent key", () => {
  test("when checked, then a lowercase letter followed by lowercase letters, digits, '-' or '_' passes, and anything else does not", () => {
    expect(verdicts(limits.KEY, ["admin", "a", "read-only", "a_1", "1admin", "-a", "_a", "Admin", "adMin", "read only", ""])).toEqual({
      admin: true,
      a: true,
      "read-only": true,
      a_1: true,
      "1admin": false,
      "-a": false,
      _a: false,
      Admin: false,
      adMin: false,
      "read only": false,
      "": false,
    });
  });
});

describe("given an API scope", () => {
  test("when checked, then letters, digits and . _ : - pass, and an empty scope or another character does not", () => {
    expect(verdicts(limits.SCOPE, ["read:data", "Read.All_x-y", "a", "9", "", "read data", "read/data", "read,data"])).toEqual({
      "read:data": true,
      "Read.All_x-y": true,
      a: true,
      "9": true,
      "": false,
      "read data": false,
      "read/data": false,
      "read,data": false,
    });
  });
});
