// Property tests for createRedactor (contracts.md, section 2): no generated secret or identifier
// of another account survives, the customer's own identifiers do, and JSON lines keep their
// keys, key order and numbers exactly.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRedactor, type RedactionScope } from "@/lib/redaction";

const RUNS = { numRuns: 200 };

const SCOPE: RedactionScope = {
  owned: { groups: ["acme"], projects: ["globex/api"], users: ["alice"], emails: ["alice@acme.com"] },
  disclosePersonalData: false,
  internalHosts: [".internal"],
};

/** Words that no rule touches (with this scope), to surround what is generated. */
const BENIGN = [
  "the",
  "job",
  "failed;",
  "retry,",
  "ok",
  "GET",
  "200",
  "2024-03-15T12:00:00.000Z",
  "correlation_id=01HQ7Z3X9K",
  "event=user_login",
  "https://gitlab.com/help",
  "/var/log/gitlab/production.log",
  "application/json",
  "HTTP/1.1",
  "alice",
  "@alice",
  "acme/app",
  "globex/api",
  "INFO",
  "(done)",
];
const filler = fc.array(fc.constantFrom(...BENIGN), { maxLength: 6 }).map((w) => w.join(" "));

/** A JSON string literal. */
const q = (s: string) => JSON.stringify(s);

// ---------------------------------------------------------------------------------------------
// Secrets

const secretBody = fc.stringMatching(/^[A-Za-z0-9]{12,32}$/).map((b) => `Zq${b}`);
const tokenPrefix = fc.constantFrom("glpat-", "gldt-", "glrt-", "glptt-", "gloas-");
const secretKey = fc.constantFrom(
  "password",
  "passwd",
  "secret",
  "token",
  "private_token",
  "access_token",
  "api_key",
  "apikey",
  "authorization",
  "cookie",
  "set-cookie",
  "Set-Cookie",
  "db_password",
  "client_secret",
  "job_token",
);

type Placement = (secret: string, key: string, prefix: string) => string;
const SECRET_PLACEMENTS: Placement[] = [
  (s, _k, p) => `${p}${s}`,
  (s, k) => `${k}=${s}`,
  (s, k) => `${k}: ${s}`,
  (s, k) => `${k}="${s}"`,
  (s) => `Authorization: Bearer ${s}`,
  (s) => `Authorization: Basic ${s}`,
  (s) => `Bearer ${s}`,
  (s, k) => `?${k}=${s}&page=2`,
  (s, k) => `{${q(k)}:${q(s)}}`,
  (s, k) => `{"message":${q(`${k}=${s}`)},"n":1}`,
  (s, _k, p) => `{"message":${q(`using ${p}${s} now`)}}`,
  (s, k) => `{"request":{"headers":{${q(k)}:${q(s)}}}}`,
  (s) => `-----BEGIN RSA PRIVATE KEY-----\\n${s}\\n-----END RSA PRIVATE KEY-----`,
];

describe("no generated secret survives", () => {
  it("in text and JSON lines, wherever it is placed", () => {
    fc.assert(
      fc.property(
        secretBody,
        secretKey,
        tokenPrefix,
        fc.integer({ min: 0, max: SECRET_PLACEMENTS.length - 1 }),
        filler,
        filler,
        (secret, key, prefix, which, before, after) => {
          const placed = SECRET_PLACEMENTS[which](secret, key, prefix);
          const line = placed.startsWith("{") ? placed : `${before} ${placed} ${after}`;
          const out = createRedactor(SCOPE).redactLine(line);
          expect(out).not.toContain(secret);
          expect(out).toContain("[REDACTED:secret]");
        },
      ),
      RUNS,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Identifiers of another account

const name = fc.stringMatching(/^[a-z][a-z0-9_]{1,10}$/).map((n) => `zz${n}`);
const segment = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}[a-z0-9]$/);
const foreignPath = fc
  .tuple(name, fc.array(segment, { minLength: 1, maxLength: 3 }))
  .map(([group, rest]) => [group, ...rest].join("/"));
const foreignEmail = fc
  .tuple(name, fc.stringMatching(/^[a-z]{2,8}$/), fc.constantFrom("com", "io", "org"))
  .map(([local, domain, tld]) => `${local}@${domain}.${tld}`);

type Identity = { kind: "user" | "path" | "email"; value: string };
const identity: fc.Arbitrary<Identity> = fc.oneof(
  name.map((value) => ({ kind: "user" as const, value })),
  foreignPath.map((value) => ({ kind: "path" as const, value })),
  foreignEmail.map((value) => ({ kind: "email" as const, value })),
);

const IDENTITY_PLACEMENTS: Record<Identity["kind"], ((v: string) => string)[]> = {
  user: [
    (v) => `assigned to @${v}`,
    (v) => `user=${v}`,
    (v) => `username=${v}&x=1`,
    (v) => `meta.user=${v}`,
    (v) => `{"user":${q(v)}}`,
    (v) => `{"author_name":${q(v.toUpperCase())},"n":1}`,
    (v) => `{"meta.user":${q(v)},"meta.project":"acme/app"}`,
    (v) => `{"message":${q(`cc @${v}, please`)}}`,
    (v) => `{"meta":{"username":${q(v)}}}`,
  ],
  path: [
    (v) => `moved ${v} to acme/app`,
    (v) => `project_path=${v}`,
    (v) => `namespace=${v};`,
    (v) => `"${v}"`,
    (v) => `{"meta.project":${q(v)}}`,
    (v) => `{"entity_path":${q(v)},"target_details":${q(v)}}`,
    (v) => `{"meta.root_namespace":${q(v.split("/")[0])}}`,
    (v) => `{"message":${q(`imported ${v}.`)}}`,
  ],
  email: [
    (v) => `mail ${v} now`,
    (v) => `<${v}>`,
    (v) => `{"email":${q(v)}}`,
    (v) => `{"message":${q(`invited ${v.toUpperCase()}`)}}`,
  ],
};

/** The part of an identifier that must not be readable in the output. */
function core(id: Identity): string {
  if (id.kind === "path") return id.value.split("/")[0];
  if (id.kind === "email") return id.value.split("@")[0];
  return id.value;
}

describe("no identifier of another account survives; the customer's own do", () => {
  it("users, namespace paths and emails, in text and JSON lines", () => {
    fc.assert(
      fc.property(identity, fc.nat(), filler, filler, (id, pick, before, after) => {
        const placements = IDENTITY_PLACEMENTS[id.kind];
        const placed = placements[pick % placements.length](id.value);
        const line = placed.startsWith("{") ? placed : `${before} ${placed} ${after}`;
        const out = createRedactor(SCOPE).redactLine(line);
        expect(out.toLowerCase()).not.toContain(core(id).toLowerCase());
        expect(out).toMatch(/\[(user|project|email)-1\]/);
        // Owned identifiers around it stay.
        for (const owned of ["@alice", "acme/app", "globex/api"]) {
          if (line.includes(owned)) expect(out).toContain(owned);
        }
      }),
      RUNS,
    );
  });

  it("one identifier gets one pseudonym in every line of a redactor", () => {
    fc.assert(
      fc.property(name, name, (a, b) => {
        fc.pre(a !== b);
        const r = createRedactor(SCOPE);
        const first = r.redactLine(`@${a} then @${b}`);
        const second = r.redactLine(`{"user":${q(b.toUpperCase())},"author_name":${q(a)}}`);
        expect(first).toBe("@[user-1] then @[user-2]");
        expect(second).toBe('{"user":"[user-2]","author_name":"[user-1]"}');
      }),
      RUNS,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// JSON lines keep their keys, order and numbers

const intLikeKey = fc.integer({ min: 0, max: 9999 }).map(String);
const wordKey = fc.stringMatching(/^[a-z][a-z_.]{0,10}$/);
const jsonKey = fc.oneof(
  intLikeKey,
  wordKey,
  fc.constantFrom("user", "meta.user", "project", "password", "backtrace", "ip_address", "message"),
);

/** Number text as a log would write it, including integers past 2^53. */
const numberText = fc.oneof(
  fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => JSON.stringify(d)),
  fc.constantFrom("1.50", "1E+3", "-0", "2.0e-7", "12345678901234567890", "0.10"),
);

const stringValue = fc.oneof(
  fc.constantFrom(...BENIGN),
  name.map((n) => `@${n}`),
  foreignPath,
  foreignEmail,
  secretBody.map((s) => `token=${s}`),
  fc.constantFrom("8.8.8.8", "10.0.0.1", "db.internal", "2001:db8::1", "caf\u00e9 \"quoted\" \\ back"),
  fc.string({ maxLength: 12 }),
);

/** A JSON value written out as text, with object keys in the generated order. */
const jsonText: fc.Arbitrary<string> = fc.letrec<{ value: string; object: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    numberText,
    fc.constantFrom("true", "false", "null"),
    stringValue.map(q),
    fc.array(tie("value"), { maxLength: 4 }).map((vs) => `[${vs.join(",")}]`),
    tie("object"),
  ),
  object: fc
    .array(fc.tuple(jsonKey, tie("value"), fc.constantFrom("", " ")), { maxLength: 6 })
    .map((entries) => `{${entries.map(([k, v, ws]) => `${q(k)}:${ws}${v}`).join(",")}}`),
})).object;

/** Key names with a rule of their own in the contract (secret, system, identity). */
function isRuledKey(key: string): boolean {
  const k = key.toLowerCase().replace(/-/g, "_");
  const last = k.slice(k.lastIndexOf(".") + 1);
  const secret = (n: string) =>
    /^(password|passwd|secret|token|private_token|access_token|api_key|apikey|authorization|cookie|set_cookie)$/.test(n) ||
    /_(password|secret|token)$/.test(n);
  return (
    secret(k) ||
    secret(last) ||
    /^(backtrace|stack|stacktrace)$/.test(k) ||
    k.endsWith(".backtrace") ||
    /^(user|username|user_name|author_name|meta\.user|project|project_path|meta\.project|namespace|root_namespace|meta\.root_namespace|entity_path|target_details)$/.test(k)
  );
}

type Token = { type: "key" | "string" | "other"; text: string };

/** An independent JSON tokenizer for the test: keys, string values, and everything else. */
function tokens(json: string): Token[] {
  const re = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null|[{}[\]:,]/g;
  const raw = json.match(re) ?? [];
  return raw.map((text, i) => {
    if (text.startsWith('"')) return { type: raw[i + 1] === ":" ? "key" : "string", text };
    return { type: "other", text };
  });
}

describe("JSON lines keep their keys, order and numbers", () => {
  it("only string values change; keys, order, numbers and literals are exactly as written", () => {
    fc.assert(
      fc.property(jsonText, (line) => {
        const out = createRedactor(SCOPE).redactLine(line);
        expect(() => JSON.parse(out)).not.toThrow();
        const before = tokens(line);
        const after = tokens(out);
        expect(after.length).toBe(before.length);
        after.forEach((t, i) => {
          expect(t.type).toBe(before[i].type);
          if (t.type !== "string") expect(t.text).toBe(before[i].text);
        });
      }),
      RUNS,
    );
  });

  it("a line with nothing to replace comes out identical", () => {
    const benignObject = fc
      .array(
        fc.tuple(
          fc.oneof(intLikeKey, wordKey),
          fc.oneof(numberText, fc.constantFrom(...BENIGN).map(q), fc.constantFrom("true", "null")),
        ),
        { maxLength: 8 },
      )
      .map((entries) => `{${entries.map(([k, v]) => `${q(k)}:${v}`).join(",")}}`);
    fc.assert(
      fc.property(benignObject, (line) => {
        fc.pre(tokens(line).every((t) => t.type !== "key" || !isRuledKey(JSON.parse(t.text))));
        expect(createRedactor(SCOPE).redactLine(line)).toBe(line);
      }),
      RUNS,
    );
  });

  it("text made only of untouched words comes out identical", () => {
    fc.assert(
      fc.property(filler, (line) => {
        expect(createRedactor(SCOPE).redactLine(line)).toBe(line);
      }),
      RUNS,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Namespaces in URLs and request paths (revised contract): no generated path of another account
// survives in any position the contract names; the customer's own stay.

const PRODUCT_SCOPE: RedactionScope = { ...SCOPE, productHosts: ["gitlab.example.com"] };

const URL_PLACEMENTS: ((p: string) => string)[] = [
  (p) => `https://gitlab.example.com/${p}`,
  (p) => `https://gitlab.example.com/${p}/-/pipelines?scope=all`,
  (p) => `(see https://gitlab.example.com/${p}).`,
  (p) => `https://gitlab.example.com/groups/${p}/-/epics`,
  (p) => `https://gitlab.example.com/${p}.git/info/refs`,
  (p) => `https://gitlab.com/api/v4/projects/${encodeURIComponent(p)}/jobs`,
  (p) => `GET /api/v4/groups/${encodeURIComponent(p)}/members HTTP/1.1`,
  (p) => `"GET /${p}/-/jobs/1 HTTP/1.1" 200`,
  (p) => `GET /${p} HTTP/1.1`,
  (p) => `POST /${p}.git/git-upload-pack`,
  (p) => `git@gitlab.example.com:${p}.git`,
  (p) => `path=/${p}`,
  (p) => `{"path":${q(`/${p}`)},"status":200}`,
  (p) => `{"uri":${q(`/${p}/-/merge_requests/1`)}}`,
  (p) => `{"project":${q(encodeURIComponent(p))}}`,
  (p) => `{"target_details":${q(p)},"entity_path":${q(`main branch of ${p}`)}}`,
  (p) => `http://web-1.internal:8080/${p}`,
];

describe("no namespace of another account survives in URLs and request paths; the customer's own do", () => {
  it("in every URL position", () => {
    fc.assert(
      fc.property(foreignPath, fc.nat(), filler, filler, (path, pick, before, after) => {
        const placed = URL_PLACEMENTS[pick % URL_PLACEMENTS.length](path);
        const line = placed.startsWith("{") ? placed : `${before} ${placed} ${after}`;
        const out = createRedactor(PRODUCT_SCOPE).redactLine(line);
        expect(out.toLowerCase()).not.toContain(path.split("/")[0].toLowerCase());
        expect(out).toMatch(/\[project-1\]/);
      }),
      RUNS,
    );
  });

  it("owned paths stay in every URL position", () => {
    fc.assert(
      fc.property(fc.constantFrom("acme/app", "acme/infra/api", "globex/api"), fc.nat(), (path, pick) => {
        const line = URL_PLACEMENTS[pick % URL_PLACEMENTS.length](path);
        const out = createRedactor(PRODUCT_SCOPE).redactLine(line);
        expect(out).not.toMatch(/\[(project|user)-\d+\]/);
      }),
      RUNS,
    );
  });
});
