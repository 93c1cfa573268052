import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { CLIENT_ADDRESS_HEADER } from "@/lib/auth/client-address";
import { db } from "@/lib/db";
import { logger } from "@/lib/logger";

export type SecurityEventKind = "signInFailed" | "signInBlocked" | "signOut" | "refused";

export interface SecurityEventInput {
  kind: SecurityEventKind;
  actorId?: string | null;
  email?: string | null;
  address?: string | null;
  /** What was tried: a permission, an action, a route or a page. */
  target: string;
  /** FORBIDDEN, NOT_FOUND, CredentialsSignin, RateLimited, ... */
  outcome: string;
  detail?: unknown;
}

const clip = (s: string | null | undefined, n: number) => (s == null ? null : s.replace(/[\u0000-\u001f\u007f]/g, "?").slice(0, n));

/**
 * Appends one security event (its own table, append-only by trigger, not the
 * activity log: a refused read never waits on the log). Outside any
 * transaction on purpose, so a refusal is kept even when the request's work
 * rolls back; a failure to record is logged and never breaks the request.
 */
export async function recordSecurityEvent(input: SecurityEventInput): Promise<void> {
  try {
    await db().securityEvent.create({
      data: {
        kind: input.kind,
        actorId: input.actorId ?? null,
        email: clip(input.email, 320),
        address: clip(input.address ?? (await requestAddress()), 64),
        target: clip(input.target, 200)!,
        outcome: clip(input.outcome, 60)!,
        detail: input.detail === undefined ? undefined : (JSON.parse(JSON.stringify(input.detail)) as Prisma.InputJsonValue),
      },
    });
  } catch (err) {
    logger.warn("security event not recorded", { kind: input.kind, target: input.target, err });
  }
}

/** The client's address the server decided for this request (server.ts), or null outside a request. */
export async function requestAddress(): Promise<string | null> {
  try {
    const { headers } = await import("next/headers");
    return (await headers()).get(CLIENT_ADDRESS_HEADER);
  } catch {
    return null;
  }
}
