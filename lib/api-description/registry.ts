// The documented API (issue 15): every route an API token can call (Admin -> API tokens) and the
// public routes an integration or a load balancer uses, not the browser-session routes. Each route
// handler imports its operation from here for what it parses and sends (request schema, body
// limit, content type); openapi.ts builds /api/v1/openapi.json from the same entries, and
// tests/integration/openapi.test.ts calls every documented operation and checks each answer
// against the document. tests/unit/api-description.test.ts keeps this list and ROUTE_RULES
// (lib/auth/page-rules.ts) in agreement.
import type { z } from "zod";
import { ZEvaluateRequestInput } from "@/lib/evaluation/schemas";
import { ZApiError, ZEvaluateResponse, ZHealth, ZHealthDb, ZOpenApiDocument, ZPublicKeyPem } from "./answers";

export interface ApiResponseSpec {
  description: string;
  contentType: "application/json" | "application/x-pem-file";
  /** A name for components.schemas (shared schemas are named once). */
  schemaName: string;
  schema: z.ZodType;
  headers?: Record<string, string>;
}

export interface ApiOperation {
  operationId: string;
  method: "get" | "post";
  path: string;
  tag: "Evaluation" | "Service";
  summary: string;
  description: string;
  /** "token": an API token (Authorization: Bearer ldk_...); "public": no credentials. */
  auth: "token" | "public";
  requestBody?: { schemaName: string; schema: z.ZodType; maxBytes: number; example: (now: Date) => unknown };
  responses: Record<string, ApiResponseSpec>;
}

const HOUR = 3_600_000;
const error = (description: string, headers?: Record<string, string>): ApiResponseSpec => ({ description, contentType: "application/json", schemaName: "Error", schema: ZApiError, headers });

export const evaluateOperation = {
  operationId: "evaluate",
  method: "post",
  path: "/api/v1/evaluate",
  tag: "Evaluation",
  summary: "Evaluate a log request's eligibility without opening a case",
  description:
    "The eligibility decision a case would get (plan, deployment, ownership, window, log sources, scope) and the team it would go to, at the server's current time and the policy values in force. Nothing is stored but an `api.evaluate` activity-log entry. Any other method answers 405. Unknown fields are refused.",
  auth: "token",
  requestBody: {
    schemaName: "EvaluateRequest",
    schema: ZEvaluateRequestInput,
    maxBytes: 64 * 1024,
    // The last three days, so the example is eligible as sent (the window must lie within the last calendar month).
    example: (now: Date) => {
      const to = new Date(Math.floor(now.getTime() / HOUR) * HOUR);
      return {
        account: "acme",
        resources: [{ kind: "project", path: "acme/infra/api" }],
        eventTypes: ["user_login"],
        logSources: ["application"],
        window: { from: new Date(to.getTime() - 72 * HOUR).toISOString(), to: to.toISOString() },
        personalData: false,
      };
    },
  },
  responses: {
    "200": { description: "The decision and the facts it was made on, also when the outcome is rescope or ineligible.", contentType: "application/json", schemaName: "Evaluation", schema: ZEvaluateResponse },
    "400": error("The body is not JSON, or fields are missing or not valid (`fields` names each)."),
    "401": error("No token, or one that is unknown or revoked.", { "WWW-Authenticate": 'Bearer realm="logdesk" (with error="invalid_token" when a token was sent)' }),
    "404": error("No customer account has this slug."),
    "413": error("The body is over 64 KB."),
    "500": error("Something went wrong on the server; the message carries a reference to quote."),
  },
} as const satisfies ApiOperation;

export const healthOperation = {
  operationId: "health",
  method: "get",
  path: "/api/health",
  tag: "Service",
  summary: "Health: database, migrations, version and backlog",
  description: "For load balancers and monitoring. Counts and times only. Not cached.",
  auth: "public",
  responses: {
    "200": { description: "Healthy.", contentType: "application/json", schemaName: "Health", schema: ZHealth },
    "503": { description: "Not healthy: `ok` is false and `database` or `migrations` says why.", contentType: "application/json", schemaName: "Health", schema: ZHealth },
  },
} as const satisfies ApiOperation;

export const healthDbOperation = {
  operationId: "healthDb",
  method: "get",
  path: "/api/health/db",
  tag: "Service",
  summary: "Light health: this instance answers and reaches its database",
  description: "One database round trip and nothing else, for a load balancer polling every instance often. Not cached.",
  auth: "public",
  responses: {
    "200": { description: "The database answered.", contentType: "application/json", schemaName: "HealthDb", schema: ZHealthDb },
    "503": { description: "The database cannot be reached.", contentType: "application/json", schemaName: "HealthDb", schema: ZHealthDb },
  },
} as const satisfies ApiOperation;

export const releaseKeyOperation = {
  operationId: "releaseKey",
  method: "get",
  path: "/api/release-key",
  tag: "Service",
  summary: "The public key that verifies signed release manifests",
  description: "A customer or auditor verifies a shared artefact's release manifest with it (`scripts/verify-manifest.mjs`).",
  auth: "public",
  responses: {
    "200": { description: "The key, as PEM.", contentType: "application/x-pem-file", schemaName: "PublicKeyPem", schema: ZPublicKeyPem, headers: { "X-Key-Id": "The key's id, as named in the manifests it signed." } },
    "500": error("The key could not be read; the message carries a reference to quote."),
  },
} as const satisfies ApiOperation;

export const openApiOperation = {
  operationId: "openApiDocument",
  method: "get",
  path: "/api/v1/openapi.json",
  tag: "Service",
  summary: "This description (OpenAPI 3.1)",
  description: "Public: it describes the contract, not any data; the evaluation itself needs a token.",
  auth: "public",
  responses: {
    "200": { description: "The OpenAPI 3.1 document.", contentType: "application/json", schemaName: "OpenApiDocument", schema: ZOpenApiDocument },
  },
} as const satisfies ApiOperation;

/** Every documented operation, in the document's order. */
export const API_OPERATIONS: readonly ApiOperation[] = [evaluateOperation, healthOperation, healthDbOperation, releaseKeyOperation, openApiOperation];
