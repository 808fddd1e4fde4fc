import { findSecrets } from "../src/validate/secrets";

/**
 * Secret detection, entry by entry: every key ending and every value pattern of the tables
 * in `src/validate/secrets.ts` has a value it catches and a near miss it lets through, so
 * dropping or loosening one entry (the JWT pattern, say) fails a test.
 */
const FILE = "tenants/acme.json";

/** What `findSecrets` says about `value` under `metadata`: "<path>: <problem>" per finding. */
const found = (value: unknown) => findSecrets(FILE, { metadata: value }).map((e) => `${e.file} ${JSON.stringify(e.path)}: ${e.problem}`);
const because = (path: (string | number)[], why: string) =>
  `${FILE} ${JSON.stringify(["metadata", ...path])}: looks like a secret (${why}); secrets must never be written in configuration files`;

describe("given a key whose name ends like a secret's", () => {
  test.each([
    ["clientSecret", "a secret"],
    ["password", "a password"],
    ["admin_passwd", "a password"],
    ["keyPassphrase", "a passphrase"],
    ["API-KEY", "an API key"],
    ["signing_private_key", "a private key"],
    ["accessToken", "a token"],
    ["refresh_token", "a token"],
    ["BearerToken", "a token"],
    ["session-token", "a token"],
  ])("when the key is %s, then it is reported as %s, whatever its value", (key, what) => {
    expect(found({ [key]: 42 })).toEqual([because([key], `the key "${key}" names ${what}`)]);
  });

  test("when the ending is only a prefix or the middle of the key (secretVersion, passwordPolicy, tokenUrl), then nothing is reported", () => {
    expect(found({ secretVersion: 1, passwordPolicy: "good", tokenUrl: "https://a.example/token", apikeyHint: "x", privatekeyId: "k1" })).toEqual([]);
  });

  test("when the secret key sits in a list inside an object, then the path points at it and its value is not searched further", () => {
    expect(found({ list: [{ x: 1 }, { dbPassword: "-----BEGIN PRIVATE KEY-----" }] })).toEqual([because(["list", 1, "dbPassword"], 'the key "dbPassword" names a password')]);
  });
});

describe("given a value that looks like a secret", () => {
  const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl";

  test.each([
    ["a PEM private key", "-----BEGIN PRIVATE KEY-----\nMIIE"],
    ["a PEM private key", "text before -----BEGIN EC PRIVATE KEY-----"],
    ["a JSON Web Token", jwt],
    ["a JSON Web Token", "eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0."],
    ["a bearer token", "Bearer abc.def"],
    ["a bearer token", "bearer\tabc"],
    ["a bearer token", "Bearer   x"],
  ])("when the value is %s (%j), then it is reported as that", (why, value) => {
    expect(found({ note: value })).toEqual([because(["note"], why)]);
  });

  test.each([
    ["a public key", "-----BEGIN PUBLIC KEY-----\nMIIB"],
    ["a JWT inside a sentence", `token: ${jwt}`],
    ["a JWT followed by text", `${jwt} and more`],
    ["two parts only", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0"],
    ["a header that is not JSON", "abc.eyJzdWIiOiIxIn0.sig"],
    ["a payload that is not JSON", "eyJhbGciOiJIUzI1NiJ9.abc.sig"],
    ["a JWT with a character outside base64url", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.si+g"],
    ["the word Bearer alone", "Bearer "],
    ["Bearer not at the start", "the Bearer abc"],
    ["Bearer without a space", "Bearerabc"],
  ])("when the value is %s, then nothing is reported", (_what, value) => {
    expect(found({ note: value })).toEqual([]);
  });

  test("when the value is neither text, a list nor an object (a number, true, null, undefined), then nothing is reported", () => {
    expect([42, true, null, undefined].flatMap((value) => findSecrets(FILE, value))).toEqual([]);
  });

  test("when several values in nested lists look like secrets, then each is reported at its own path, in order", () => {
    expect(findSecrets(FILE, [["x", "Bearer a"], { y: [jwt] }, null, 3]).map((e) => e.path)).toEqual([
      [0, 1],
      [1, "y", 0],
    ]);
  });
});
