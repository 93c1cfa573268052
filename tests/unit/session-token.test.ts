import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { sessionClaims, sessionCookieName, sessionTokenFrom } from "@/lib/auth/session-token";

const SECRET = "unit-test-secret-0123456789";

describe("sessionTokenFrom: the cookie, or its chunks in order", () => {
  const name = "next-auth.session-token";
  it.each([
    ["no cookies", [], undefined],
    ["the cookie", [{ name, value: "abc" }], "abc"],
    ["another cookie only", [{ name: "other", value: "x" }], undefined],
    ["an empty cookie", [{ name, value: "" }], undefined],
    ["chunks, out of order", [{ name: `${name}.1`, value: "def" }, { name: `${name}.0`, value: "abc" }], "abcdef"],
    ["chunks ten and more sort as numbers", [...Array.from({ length: 11 }, (_, i) => ({ name: `${name}.${10 - i}`, value: String.fromCharCode(97 + 10 - i) }))], "abcdefghijk"],
    ["a look-alike name is not a chunk", [{ name: `${name}.x`, value: "abc" }, { name: `${name}x.0`, value: "y" }], undefined],
    ["odd chunk numbers are not chunks", [{ name: `${name}.`, value: "a" }, { name: `${name}.01`, value: "b" }, { name: `${name}.1e0`, value: "c" }, { name: `${name}.-1`, value: "d" }, { name: `${name}.0`, value: "e" }], "e"],
  ] as const)("%s", (_, cookies, want) => expect(sessionTokenFrom([...cookies], name)).toBe(want));

  it("names the cookie as next-auth does", () => {
    expect(sessionCookieName(false)).toBe("next-auth.session-token");
    expect(sessionCookieName(true)).toBe("__Secure-next-auth.session-token");
  });
});

describe("sessionClaims", () => {
  it("decodes a token next-auth made, and gives the same claims again", async () => {
    const token = await encode({ token: { uid: "u1", sid: "s1", sv: 3 }, secret: SECRET, maxAge: 3600 });
    const claims = await sessionClaims(token, SECRET);
    expect(claims).toMatchObject({ uid: "u1", sid: "s1", sv: 3 });
    expect(await sessionClaims(token, SECRET)).toEqual(claims);
  });

  it("refuses a token made with another secret, a changed token, garbage, and one naming no user", async () => {
    const token = await encode({ token: { uid: "u2", sid: "s2", sv: 1 }, secret: SECRET, maxAge: 3600 });
    expect(await sessionClaims(token, "another-secret-0123456789")).toBeNull();
    const i = Math.floor(token.length / 2);
    const changed = token.slice(0, i) + (token[i] === "A" ? "B" : "A") + token.slice(i + 1);
    expect(await sessionClaims(changed, SECRET)).toBeNull();
    expect(await sessionClaims("not-a-token", SECRET)).toBeNull();
    expect(await sessionClaims(await encode({ token: { sid: "s3" }, secret: SECRET, maxAge: 3600 }), SECRET)).toBeNull();
  });

  it("refuses an expired token, and a kept one once its expiry passes", async () => {
    expect(await sessionClaims(await encode({ token: { uid: "u4" }, secret: SECRET, maxAge: -60 }), SECRET)).toBeNull();
    const token = await encode({ token: { uid: "u5" }, secret: SECRET, maxAge: 60 });
    const claims = await sessionClaims(token, SECRET);
    expect(claims?.uid).toBe("u5");
    expect(await sessionClaims(token, SECRET, claims!.exp * 1000 - 1)).not.toBeNull();
    expect(await sessionClaims(token, SECRET, claims!.exp * 1000)).toBeNull();
    expect(await sessionClaims(token, SECRET, claims!.exp * 1000 + 1)).toBeNull();
  });
});
