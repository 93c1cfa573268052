// The wire form of what the documented API answers, as zod schemas (not input parsers, so not
// under the *schemas.ts rule of tests/unit/schemas-fuzz.test.ts): the handlers send their
// answers through them (`.encode`, which also drops anything undocumented) and the OpenAPI
// document (openapi.ts) is generated from them, so the description and the answers cannot drift.
import { z } from "zod";
import type { Health } from "@/lib/health";

/** A date-time on the wire (ISO 8601, UTC), a Date in the code. */
const isoDate = (description: string) =>
  z.codec(z.iso.datetime({ offset: true }), z.date(), { decode: (s) => new Date(s), encode: (d) => d.toISOString() }).meta({ description });

const ZResource = z.object({ kind: z.enum(["group", "project", "user"]), path: z.string() });

/** Every error of the token and public routes: `{ error: { code, message, fields? } }`. */
export const ZApiError = z
  .object({
    error: z.object({
      code: z.string().meta({ description: "Machine-readable: VALIDATION, UNAUTHENTICATED, NOT_FOUND, PAYLOAD_TOO_LARGE, METHOD_NOT_ALLOWED, INTERNAL, ...", examples: ["VALIDATION"] }),
      message: z.string().meta({ description: "A sentence for a person; INTERNAL errors carry a reference to quote." }),
      fields: z.record(z.string(), z.array(z.string())).optional().meta({ description: "Per field (dotted path, e.g. `window.from`): what is wrong with it." }),
    }),
  })
  .meta({ description: "An error." });
export type TApiError = z.input<typeof ZApiError>;

export const ZCheckResult = z.object({
  id: z.enum(["plan", "deployment", "ownership", "window", "log-source", "resources", "event-types"]),
  result: z.enum(["pass", "fail"]),
  message: z.string().meta({ description: "The reason, for a person." }),
});

/** POST /api/v1/evaluate's answer (lib/evaluation/service.ts `Evaluation`). */
export const ZEvaluateResponse = z.object({
  decision: z.object({
    outcome: z.enum(["eligible", "rescope", "ineligible"]),
    route: z.enum(["support", "sirt"]).nullable().meta({ description: "The team that would do the log-dive; null unless eligible." }),
    extended: z.boolean().meta({ description: "The window starts more than the standard number of days back (it takes longer and goes to SIRT)." }),
    checks: z.array(ZCheckResult).meta({ description: "All seven checks, every time, in this order: plan, deployment, ownership, window, log-source, resources, event-types." }),
    policyVersion: z.string().meta({ description: "The rules and the policy values that applied." }),
  }),
  facts: z.object({
    requestedAt: isoDate("The server's time of the evaluation (never the caller's)."),
    account: z.object({
      plan: z.enum(["free", "trial", "premium", "ultimate"]),
      deployment: z.enum(["saas", "self_managed"]),
      paying: z.boolean(),
      supportPlan: z.enum(["current", "deprecated"]),
    }),
    resources: z.array(ZResource),
    eventTypes: z.array(z.string()),
    logSources: z.array(z.enum(["application", "component", "access"])),
    window: z.object({ from: isoDate("Window start."), to: isoDate("Window end.") }),
    personalData: z.boolean(),
  }).meta({ description: "What was evaluated: what you sent (trimmed, repeats once) and the account's plan facts; never what else the account owns." }),
});

/** GET /api/health's answer (lib/health.ts `Health`). */
export const ZHealth = z.object({
  ok: z.boolean().meta({ description: "The database answers and every migration is applied (the status is 200 exactly then, 503 otherwise)." }),
  version: z.string(),
  database: z.object({ ok: z.boolean(), error: z.string().optional() }),
  migrations: z.object({ ok: z.boolean(), pending: z.array(z.string()), applied: z.int() }),
  outbox: z.object({ waiting: z.int(), oldestWaitingSeconds: z.int().nullable() }).optional().meta({ description: "Notifications not yet sent." }),
  jobs: z.object({ oldestWaiting: z.object({ kind: z.string(), ageSeconds: z.int() }).nullable() }).optional().meta({ description: "The background job that has waited longest past its run time." }),
  auditCheckpoint: z.object({ at: z.string(), count: z.int() }).nullable().optional().meta({ description: "The last signed checkpoint of the activity log's hash chain." }),
  blobStore: z
    .object({ ok: z.boolean(), kind: z.enum(["local", "s3"]), error: z.string().optional(), checkedSecondsAgo: z.int() })
    .optional()
    .meta({ description: "The file store answers (the folder is writable, or the bucket takes the credentials), checked at most every 10 seconds. It does not decide `ok`: monitor it on its own." }),
});

/** GET /api/release-key's answer: a PEM public key. */
export const ZPublicKeyPem = z.string().regex(/^-----BEGIN PUBLIC KEY-----\n/).meta({ description: "The Ed25519 public key (SPKI, PEM) that verifies signed release manifests." });

/** GET /api/v1/openapi.json's answer, loosely: this document. */
export const ZOpenApiDocument = z.looseObject({
  openapi: z.literal("3.1.0"),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
});

/** GET /api/health/db: one database round trip, for a load balancer's check. */
export const ZHealthDb = z.object({
  ok: z.boolean().meta({ description: "The database answered (the status is 200 exactly then, 503 otherwise)." }),
  error: z.string().optional().meta({ description: "Why not, in a sentence (no internals)." }),
});

// Compile-time: the documented health answer has exactly Health's fields, so a field added to one is added to the other.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const healthMatches: Same<keyof Health, keyof z.output<typeof ZHealth>> = true;
const healthAssignable: Same<Health, z.output<typeof ZHealth>> = true;
void healthMatches;
void healthAssignable;
