import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { recordActivity, type Actor } from "@/lib/audit";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import type { TIssueApiTokenInput } from "./schemas";

/** Every secret starts with this, so a leaked one is recognisable (and findable by secret scanners). */
export const TOKEN_PREFIX = "ldk_";
const SECRET_BYTES = 32;
/** `ldk_` + 32 bytes in base64url (43 characters). */
const TOKEN_PATTERN = /^ldk_[A-Za-z0-9_-]{43}$/;
const PREFIX_LENGTH = 8;
/** lastUsedAt is a hint for Admins, not a log: one write a minute per token is enough. */
const LAST_USED_GRANULARITY_MS = 60_000;

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

export interface ApiTokenRow {
  id: string;
  name: string;
  prefix: string;
  createdBy: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** Every token, active ones first, newest first; never the hash. */
export async function listApiTokens(): Promise<ApiTokenRow[]> {
  const rows = await db().apiToken.findMany({
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true, createdBy: { select: { name: true } } },
    orderBy: [{ createdAt: "desc" }],
  });
  return rows
    .map(({ createdBy, ...r }) => ({ ...r, createdBy: createdBy.name }))
    .sort((a, b) => Number(a.revokedAt !== null) - Number(b.revokedAt !== null));
}

/**
 * Issues a token named after the integration that uses it. Only its SHA-256 and its first
 * characters are stored; the secret is returned here once and can never be shown again.
 */
export async function issueApiToken(actor: Actor, input: TIssueApiTokenInput) {
  if (actor.kind !== "user") throw new AppError("FORBIDDEN", "Only a staff member can issue API tokens.");
  const secret = TOKEN_PREFIX + randomBytes(SECRET_BYTES).toString("base64url");
  return db().$transaction(async (tx) => {
    const clash = await tx.apiToken.findFirst({ where: { name: { equals: input.name, mode: "insensitive" }, revokedAt: null }, select: { id: true } });
    if (clash) throw new AppError("CONFLICT", "An active token already has this name.", { name: ["An active token already has this name: pick another, or revoke that one first."] });
    const token = await tx.apiToken.create({
      data: { name: input.name, prefix: secret.slice(0, PREFIX_LENGTH), tokenHash: sha256(secret), createdById: actor.id },
      select: { id: true, name: true, prefix: true },
    });
    await recordActivity(tx, { actor, action: "apiToken.issue", entityType: "ApiToken", entityId: token.id, after: { name: token.name, prefix: token.prefix } });
    return { ...token, secret };
  });
}

/** Revokes a token at once; revoking a revoked token changes nothing and logs nothing. */
export async function revokeApiToken(actor: Actor, tokenId: string) {
  return db().$transaction(async (tx) => {
    const token = await tx.apiToken.findUnique({ where: { id: tokenId }, select: { id: true, name: true, prefix: true, revokedAt: true } });
    if (!token) throw notFound("That token");
    if (token.revokedAt) return { revokedAt: token.revokedAt };
    const revokedAt = new Date();
    const { count } = await tx.apiToken.updateMany({ where: { id: tokenId, revokedAt: null }, data: { revokedAt } });
    if (count === 0) {
      // A concurrent revoke won: the token is revoked, which is all that was asked.
      const current = await tx.apiToken.findUniqueOrThrow({ where: { id: tokenId }, select: { revokedAt: true } });
      return { revokedAt: current.revokedAt! };
    }
    await recordActivity(tx, { actor, action: "apiToken.revoke", entityType: "ApiToken", entityId: token.id, before: { revokedAt: null }, after: { name: token.name, prefix: token.prefix, revokedAt } });
    return { revokedAt };
  });
}

/**
 * The token a bearer secret belongs to, or UNAUTHENTICATED (missing, malformed, unknown or
 * revoked). The lookup is by the secret's SHA-256, so the time it takes says nothing about how
 * much of a guessed secret was right; the hashes are compared again in constant time.
 */
export async function authenticateToken(bearer: string | null | undefined): Promise<{ id: string; name: string }> {
  if (!bearer) throw new AppError("UNAUTHENTICATED", "Send an API token as Authorization: Bearer <token>.");
  const presented = sha256(bearer);
  const token = TOKEN_PATTERN.test(bearer)
    ? await db().apiToken.findUnique({ where: { tokenHash: presented }, select: { id: true, name: true, tokenHash: true, revokedAt: true, lastUsedAt: true } })
    : null;
  if (!token || !timingSafeEqual(Buffer.from(token.tokenHash), Buffer.from(presented))) {
    throw new AppError("UNAUTHENTICATED", "This API token is not valid.");
  }
  if (token.revokedAt) throw new AppError("UNAUTHENTICATED", "This API token has been revoked; ask a Logdesk Admin for a new one.");
  const now = new Date();
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= LAST_USED_GRANULARITY_MS) {
    // Conditional, so concurrent requests write it once.
    await db().apiToken.updateMany({
      where: { id: token.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: new Date(now.getTime() - LAST_USED_GRANULARITY_MS) } }] },
      data: { lastUsedAt: now },
    });
  }
  return { id: token.id, name: token.name };
}
