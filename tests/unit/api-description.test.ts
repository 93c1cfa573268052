// The documented API and the route table agree (issue 15): every route an API token opens is
// documented as a token operation, and every documented operation is a route of ROUTE_RULES with
// the same rule (token -> API_TOKEN, public -> PUBLIC), so a new token route cannot go undocumented.
import { describe, expect, it } from "vitest";
import { PUBLIC } from "@/lib/auth/action-rules";
import { API_TOKEN, ROUTE_RULES } from "@/lib/auth/page-rules";
import { buildOpenApiDocument } from "@/lib/api-description/openapi";
import { API_OPERATIONS } from "@/lib/api-description/registry";

describe("the API description", () => {
  it("documents every API-token route, and only routes of ROUTE_RULES with the same rule", () => {
    const tokenRoutes = Object.entries(ROUTE_RULES).filter(([, rule]) => rule === API_TOKEN).map(([path]) => path);
    const documentedTokenRoutes = API_OPERATIONS.filter((op) => op.auth === "token").map((op) => op.path);
    expect([...new Set(documentedTokenRoutes)].sort()).toEqual(tokenRoutes.sort());
    for (const op of API_OPERATIONS) {
      expect(ROUTE_RULES, op.path).toHaveProperty([op.path]);
      expect(ROUTE_RULES[op.path as keyof typeof ROUTE_RULES], op.path).toBe(op.auth === "token" ? API_TOKEN : PUBLIC);
    }
  });

  it("gives each operation a unique id and one method per path", () => {
    const ids = API_OPERATIONS.map((op) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const keys = API_OPERATIONS.map((op) => `${op.method} ${op.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("is built from the schemas: the token operation asks for the bearer scheme; the request schema refuses unknown fields; answers have their statuses", () => {
    const doc = buildOpenApiDocument({ serverUrl: "https://logdesk.example.com", version: "9.9.9", now: new Date("2026-03-14T10:30:00Z") });
    expect(doc).toMatchObject({ openapi: "3.1.0", info: { version: "9.9.9" }, servers: [{ url: "https://logdesk.example.com" }] });
    const evaluate = doc.paths["/api/v1/evaluate"]!.post!;
    expect(evaluate).toMatchObject({ operationId: "evaluate", security: [{ apiToken: [] }] });
    expect(Object.keys(evaluate.responses as object).sort()).toEqual(["200", "400", "401", "404", "413", "500"]);
    expect(doc.components.schemas.EvaluateRequest).toMatchObject({ type: "object", additionalProperties: false, required: expect.arrayContaining(["account", "window"]) });
    // The example asks about the three days before the hour: eligible as pasted.
    expect(evaluate.requestBody).toMatchObject({ content: { "application/json": { example: { window: { from: "2026-03-11T10:00:00.000Z", to: "2026-03-14T10:00:00.000Z" } } } } });
    // Dates are documented as the strings on the wire, not as something JSON Schema cannot say.
    expect(JSON.stringify(doc.components.schemas.Evaluation)).toContain('"format":"date-time"');
    expect(doc.paths["/api/health"]!.get).toMatchObject({ security: [] });
    expect(doc.components.securitySchemes.apiToken).toMatchObject({ type: "http", scheme: "bearer" });
  });
});
