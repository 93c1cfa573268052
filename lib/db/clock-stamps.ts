import type { PrismaClient } from "@/generated/prisma/client";
import { hasInjectedClock, now } from "@/lib/clock";

/**
 * The columns the database (or Prisma) fills with the real time by default (`@default(now())`,
 * `@updatedAt`), per model: on create, and on update for `@updatedAt`. While an injected clock
 * runs (lib/clock.ts withClock), `withClockStamps` fills the absent ones from `now()` instead, so
 * the demo history's cases, entries, relays and decisions carry the times they were made at.
 * Services that pass a time themselves (sentAt, decidedAt, ...) keep theirs.
 */
export const CLOCK_STAMPED: Readonly<Record<string, { create: readonly string[]; update: readonly string[] }>> = {
  Case: { create: ["createdAt", "updatedAt"], update: ["updatedAt"] },
  TimelineEntry: { create: ["createdAt"], update: [] },
  CaseDecision: { create: ["evaluatedAt"], update: [] },
  VerificationTick: { create: ["tickedAt"], update: [] },
  VerificationOverride: { create: ["overriddenAt"], update: [] },
  Relay: { create: ["sentAt"], update: [] },
  Artefact: { create: ["createdAt", "updatedAt"], update: ["updatedAt"] },
  ArtefactApproval: { create: ["decidedAt"], update: [] },
  ArtefactShare: { create: ["sharedAt"], update: [] },
  LegalException: { create: ["createdAt"], update: [] },
  SubpoenaReferral: { create: ["createdAt"], update: [] },
  CostNotice: { create: ["createdAt"], update: [] },
  GapRecord: { create: ["recordedAt", "updatedAt"], update: ["updatedAt"] },
  OutboxMessage: { create: ["createdAt"], update: [] },
  HostProposal: { create: ["createdAt"], update: [] },
};

type Data = Record<string, unknown>;

function stamp(data: unknown, fields: readonly string[], at: Date): unknown {
  if (Array.isArray(data)) return data.map((d) => stamp(d, fields, at));
  if (!data || typeof data !== "object") return data;
  const out: Data = { ...(data as Data) };
  for (const f of fields) if (out[f] === undefined) out[f] = at;
  return out;
}

/** Fills the stamped columns of one query's arguments from the injected clock (a copy; the caller's object is left alone). */
export function stampArgs(model: string | undefined, operation: string, args: unknown): unknown {
  const fields = model ? CLOCK_STAMPED[model] : undefined;
  if (!fields || !hasInjectedClock() || !args || typeof args !== "object") return args;
  const at = now();
  const a = { ...(args as Data) };
  switch (operation) {
    case "create":
    case "createMany":
    case "createManyAndReturn":
      a.data = stamp(a.data, fields.create, at);
      break;
    case "update":
    case "updateMany":
    case "updateManyAndReturn":
      if (fields.update.length) a.data = stamp(a.data, fields.update, at);
      break;
    case "upsert":
      a.create = stamp(a.create, fields.create, at);
      if (fields.update.length) a.update = stamp(a.update, fields.update, at);
      break;
    default:
      return args;
  }
  return a;
}

/**
 * The client with the clock stamps (CLOCK_STAMPED). Top-level writes only: nested creates are not
 * stamped, and the services the demo history runs make none on these models. Outside an injected
 * clock it behaves exactly as `prisma`.
 */
export function withClockStamps(prisma: PrismaClient): PrismaClient {
  return prisma.$extends({
    query: {
      $allModels: {
        $allOperations({ model, operation, args, query }) {
          return query(stampArgs(model, operation, args) as typeof args);
        },
      },
    },
  }) as unknown as PrismaClient;
}
