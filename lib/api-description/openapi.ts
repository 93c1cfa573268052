// /api/v1/openapi.json, built from the route registry (registry.ts) and the zod schemas the
// handlers parse and answer with (z.toJSONSchema, JSON Schema 2020-12, OpenAPI 3.1's dialect).
// Pure: the server's URL, the version and the time of the examples are arguments.
import { z } from "zod";
import { API_OPERATIONS, type ApiOperation } from "./registry";

type JsonObject = Record<string, unknown>;

/** The wire form: what a request sends (before the handler's transforms) and what an answer carries (encoded). */
function jsonSchema(schema: z.ZodType): JsonObject {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: "input", target: "draft-2020-12", unrepresentable: "throw" }) as JsonObject;
  return rest;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

export function buildOpenApiDocument(opts: { serverUrl?: string; version: string; now: Date; operations?: readonly ApiOperation[] }) {
  const operations = opts.operations ?? API_OPERATIONS;
  const schemas: Record<string, JsonObject> = {};
  const named = (name: string, schema: z.ZodType) => {
    schemas[name] ??= jsonSchema(schema);
    return ref(name);
  };
  const paths: Record<string, Record<string, JsonObject>> = {};
  for (const op of operations) {
    const responses: Record<string, JsonObject> = {};
    for (const [status, r] of Object.entries(op.responses)) {
      responses[status] = {
        description: r.description,
        ...(r.headers ? { headers: Object.fromEntries(Object.entries(r.headers).map(([h, d]) => [h, { description: d, schema: { type: "string" } }])) } : {}),
        content: { [r.contentType]: { schema: named(r.schemaName, r.schema) } },
      };
    }
    (paths[op.path] ??= {})[op.method] = {
      operationId: op.operationId,
      tags: [op.tag],
      summary: op.summary,
      description: op.description,
      security: op.auth === "token" ? [{ apiToken: [] }] : [],
      ...(op.requestBody
        ? {
            requestBody: {
              required: true,
              description: `JSON, at most ${op.requestBody.maxBytes / 1024} KB.`,
              content: { "application/json": { schema: named(op.requestBody.schemaName, op.requestBody.schema), example: op.requestBody.example(opts.now) } },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0" as const,
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "Logdesk API",
      version: opts.version,
      description:
        "The helpdesk integration API of Logdesk, the portal that handles customers' requests for log evidence, and its public service routes. Issue a token under Admin -> API tokens and send it as `Authorization: Bearer ldk_...`. Errors are `{ \"error\": { code, message, fields? } }`. The browser-session routes of the portal are not part of this API.",
    },
    servers: [{ url: opts.serverUrl ?? "/" }],
    tags: [
      { name: "Evaluation", description: "What the eligibility rules decide, for a helpdesk (API token)." },
      { name: "Service", description: "Public routes: health, the release-signing key, this description." },
    ],
    paths,
    components: {
      schemas,
      securitySchemes: {
        apiToken: { type: "http", scheme: "bearer", bearerFormat: "ldk_ + 43 characters", description: "An API token issued by an Admin (Admin -> API tokens); shown once, revocable." },
      },
    },
  };
}
export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;
