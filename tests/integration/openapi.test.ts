/// <reference types="vite/client" />
// /api/v1/openapi.json says what the API answers (issue 15); this walks the document itself: every
// documented operation is called through its route handler with a request built from the document
// (its example body, a real API token where it asks for one), and every answer is checked against
// the documented status, content type, headers and schema (Ajv, JSON Schema 2020-12, OpenAPI 3.1's
// dialect). Every documented error status is provoked as described, or named below as not
// provokable here with the reason, so a status added to the document needs a decision in this file.
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { issueApiToken } from "@/lib/api-tokens/service";
import { db } from "@/lib/db";
import { useTestDatabase } from "../support/db";
import { createAccount, createUser } from "../support/factories";

useTestDatabase();

type Handler = (request: Request) => Promise<Response>;
type Media = { schema: Record<string, unknown>; example?: unknown };
type Operation = {
  operationId: string;
  security: Record<string, string[]>[];
  requestBody?: { content: Record<string, Media> };
  responses: Record<string, { headers?: Record<string, unknown>; content: Record<string, Media> }>;
};
type Document = { openapi: string; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } };

// Every route handler of the app, by its file; an operation's path names its file.
const routeModules = import.meta.glob<Record<string, Handler>>("/app/api/**/route.ts");
const handlerOf = async (path: string, method: string): Promise<Handler> => {
  const load = routeModules[`/app${path}/route.ts`];
  expect(load, `a route file for ${path}`).toBeDefined();
  const handler = (await load!())[method.toUpperCase()];
  expect(handler, `${method.toUpperCase()} ${path}`).toBeTypeOf("function");
  return handler!;
};

/** Statuses the document lists that a test cannot bring about on a healthy in-process server, and why. */
const NOT_PROVOKED: Record<string, string> = {
  "evaluate 500": "an unexpected server failure (the route's catch-all; tests/integration/hostile-input.test.ts checks nothing in reach causes it)",
  "health 503": "a database that cannot be reached (tests/integration/failure-modes.test.ts)",
  "healthDb 503": "a database that cannot be reached (tests/integration/failure-modes.test.ts)",
  "releaseKey 500": "an unreadable signing key",
};

const ajv = new Ajv2020({
  strict: false,
  allErrors: true,
  // The one format the schemas use; the schema's pattern checks its shape as well.
  formats: { "date-time": (s: string) => /^\d{4}-\d\d-\d\dT/.test(s) && !Number.isNaN(Date.parse(s)) },
});

async function documentOf(): Promise<Document> {
  const handler = await handlerOf("/api/v1/openapi.json", "get");
  const res = await handler(new Request("http://logdesk.test/api/v1/openapi.json"));
  expect(res.status).toBe(200);
  return (await res.json()) as Document;
}

/** Checks an answer against what the document says of that status: content type, headers, body schema. */
async function expectAsDocumented(doc: Document, op: Operation, res: Response, status: string, label: string) {
  expect(res.status, `${label}: status`).toBe(Number(status));
  const documented = op.responses[status];
  expect(documented, `${label}: status ${status} is documented`).toBeDefined();
  const contentType = (res.headers.get("content-type") ?? "").split(";")[0]!.trim();
  const media = documented!.content[contentType];
  expect(media, `${label}: content type ${contentType} is documented (${Object.keys(documented!.content).join(", ")})`).toBeDefined();
  for (const header of Object.keys(documented!.headers ?? {})) expect(res.headers.get(header), `${label}: header ${header}`).toBeTruthy();
  const body: unknown = contentType === "application/json" ? await res.json() : await res.text();
  const validate = ajv.compile({ ...media!.schema, components: doc.components });
  const ok = validate(body);
  expect(ok ? [] : validate.errors, `${label}: the answer validates against the documented schema`).toEqual([]);
  return body;
}

async function setUp() {
  const admin = await createUser("admin");
  const { secret } = await issueApiToken({ kind: "user", id: admin.id, role: admin.role }, { name: `OpenAPI walk ${Date.now()}` });
  // The example's account, as the demo has it: premium SaaS, owning acme and acme/infra/api.
  const existing = await db().account.findUnique({ where: { slug: "acme" }, select: { id: true } });
  const account = existing ?? (await createAccount({ slug: "acme", name: "Acme" }));
  await db().ownedResource.createMany({
    data: [
      { accountId: account.id, kind: "group", path: "acme", pathLower: "acme" },
      { accountId: account.id, kind: "project", path: "acme/infra/api", pathLower: "acme/infra/api" },
    ],
    skipDuplicates: true,
  });
  return secret;
}

describe("/api/v1/openapi.json", () => {
  it("is an OpenAPI 3.1 document whose every $ref resolves and whose examples fit their schemas", async () => {
    const doc = await documentOf();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual(["/api/health", "/api/health/db", "/api/release-key", "/api/v1/evaluate", "/api/v1/openapi.json"]);
    const refs = JSON.stringify(doc).match(/"#\/components\/schemas\/[^"]+"/g) ?? [];
    for (const r of refs) expect(doc.components.schemas, r).toHaveProperty(r.slice(22, -1));
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        for (const media of Object.values(op.requestBody?.content ?? {})) {
          const validate = ajv.compile({ ...media.schema, components: doc.components });
          expect(validate(media.example) ? [] : validate.errors, `${method} ${path}: its example fits its schema`).toEqual([]);
        }
      }
    }
  });

  it("every documented operation answers a request built from the document as documented", async () => {
    const secret = await setUp();
    const doc = await documentOf();
    const walked: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const label = `${op.operationId} (${method.toUpperCase()} ${path})`;
        const handler = await handlerOf(path, method);
        const needsToken = op.security.some((s) => "apiToken" in s);
        const example = op.requestBody?.content["application/json"]?.example;
        const send = (over: { token?: string | null; body?: string } = {}) => {
          const token = over.token === undefined ? (needsToken ? secret : null) : over.token;
          const headers: Record<string, string> = { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(op.requestBody ? { "Content-Type": "application/json" } : {}) };
          const body = over.body ?? (op.requestBody ? JSON.stringify(example) : undefined);
          return handler(new Request(`http://logdesk.test${path}`, { method: method.toUpperCase(), headers, body }));
        };

        // The success the document promises (its first 2xx).
        const success = Object.keys(op.responses).find((s) => s.startsWith("2"))!;
        const answer = await expectAsDocumented(doc, op, await send(), success, label);
        if (op.operationId === "evaluate") expect(answer).toMatchObject({ decision: { outcome: "eligible", route: "support" } });
        walked.push(`${op.operationId} ${success}`);

        // Each documented error, provoked as the document describes it.
        const provoke: Record<string, () => Promise<Response>> = {
          "401": () => send({ token: null }),
          "400": () => send({ body: "{}" }),
          "404": () => send({ body: JSON.stringify({ ...(example as object), account: "no-such-account" }) }),
          "413": () => send({ body: JSON.stringify({ ...(example as object), eventTypes: ["x".repeat(70 * 1024)] }) }),
        };
        for (const status of Object.keys(op.responses).filter((s) => s !== success)) {
          const key = `${op.operationId} ${status}`;
          if (NOT_PROVOKED[key]) continue;
          expect(provoke[status], `${key}: documented, so provoked here or listed in NOT_PROVOKED`).toBeDefined();
          const body = (await expectAsDocumented(doc, op, await provoke[status]!(), status, `${label} ${status}`)) as { error?: { fields?: object } };
          if (status === "400") expect(body.error?.fields, "400 names the fields").toBeDefined();
          walked.push(key);
        }
        // A wrong token is a 401 too, with the invalid_token challenge.
        if (needsToken) {
          const res = await send({ token: `ldk_${"A".repeat(43)}` });
          await expectAsDocumented(doc, op, res.clone(), "401", `${label} wrong token`);
          expect(res.headers.get("www-authenticate")).toMatch(/^Bearer realm="logdesk", error="invalid_token"/);
        }
      }
    }
    expect(walked.sort()).toEqual(
      ["evaluate 200", "evaluate 400", "evaluate 401", "evaluate 404", "evaluate 413", "health 200", "healthDb 200", "openApiDocument 200", "releaseKey 200"].sort(),
    );
  });
});
