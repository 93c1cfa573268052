import "server-only";
import type { z } from "zod";
import { fieldErrorsOf } from "@/lib/action-errors";
import { authorize, type SessionUser } from "@/lib/auth/session";
import { db, type Tx } from "@/lib/db";
import { AppError, conflict, notFound } from "@/lib/errors";
import { queueNotification } from "@/lib/outbox";
import { getCurrentSettings } from "./current-settings";
import { logHostProposal, withNames, type HostProposalView } from "./propose-host";
import { hostProblem, normalizeHost, productHostProblem } from "./rules";
import { appendSettingsVersion } from "./append-version";
import { ZAcceptHostProposalInput, ZDeclineHostProposalInput } from "./schemas";
import { formatDate } from "@/lib/format/datetime";

export interface OpenHostProposal extends HostProposalView {
  /** The case's reference (metadata Admin may see); never the artefact's contents. */
  caseReference: string | null;
  /** The note the Accept form starts with. */
  suggestedNote: string;
}

export const OPEN_PROPOSALS_PAGE_SIZE = 20;

/** SIRT's open proposals, oldest first (they have waited longest), for Admin -> Settings. */
export async function listOpenHostProposals(user: SessionUser, page = 1): Promise<{ rows: OpenHostProposal[]; total: number; page: number; pageSize: number }> {
  authorize(user, "settings.manage");
  const where = { status: "open" as const };
  const total = await db().hostProposal.count({ where });
  const pages = Math.max(1, Math.ceil(total / OPEN_PROPOSALS_PAGE_SIZE));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  const rows = await db().hostProposal.findMany({
    where,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    skip: (current - 1) * OPEN_PROPOSALS_PAGE_SIZE,
    take: OPEN_PROPOSALS_PAGE_SIZE,
    select: { id: true, host: true, status: true, reason: true, proposedById: true, createdAt: true, decidedById: true, decidedAt: true, decisionNote: true, settingsVersion: true, caseId: true },
  });
  const refs = new Map((await db().case.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.caseId))] } }, select: { id: true, reference: true } })).map((c) => [c.id, c.reference]));
  const named = await withNames(rows);
  return {
    rows: named.map(({ caseId, ...p }) => ({
      ...p,
      caseReference: refs.get(caseId) ?? null,
      suggestedNote: `Treat ${p.host} as internal, as SIRT (${p.proposedBy}) proposed${refs.get(caseId) ? ` from ${refs.get(caseId)}` : ""}${p.reason ? `: ${p.reason}` : "."}`.slice(0, 500),
    })),
    total,
    page: current,
    pageSize: OPEN_PROPOSALS_PAGE_SIZE,
  };
}

/** The proposal, locked for the decision; only an open one may be decided. */
async function lockOpenProposal(tx: Tx, id: string) {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "HostProposal" WHERE id = ${id} FOR UPDATE`;
  if (locked.length === 0) throw notFound("That proposal");
  const p = await tx.hostProposal.findUniqueOrThrow({ where: { id }, select: { id: true, host: true, status: true, caseId: true, artefactId: true, proposedById: true, decidedAt: true } });
  if (p.status !== "open") throw new AppError("INVALID_STATE", `This proposal was already ${p.status}${p.decidedAt ? ` on ${formatDate(p.decidedAt)}` : ""}. Reload to see it.`);
  return p;
}

/** Where the decision's notification links to: the artefact page (absolute when the portal's address is known). */
export interface DecisionContext {
  /** The portal's address, e.g. https://logdesk.example; without it the link is a path. */
  baseUrl?: string;
}

type LockedProposal = Awaited<ReturnType<typeof lockOpenProposal>>;

type Decided = { kind: "accepted"; version: number; created: boolean; note: string } | { kind: "declined"; reason: string };

/**
 * Tells the proposer what Admin decided, through the outbox in the decision's transaction: on
 * accept, that the case's team can redact the artefact again with the new settings (a link to the
 * artefact page); on decline, Admin's reason and that the host may be proposed again. Nobody is
 * told when the proposer left, or decided it themselves.
 */
async function notifyProposer(tx: Tx, user: SessionUser, p: LockedProposal, decided: Decided, context: DecisionContext) {
  const proposer = await tx.user.findUnique({ where: { id: p.proposedById }, select: { email: true, active: true } });
  if (!proposer?.active || proposer.email === user.email) return;
  const [kase, artefact] = await Promise.all([
    tx.case.findUnique({ where: { id: p.caseId }, select: { reference: true } }),
    tx.artefact.findUnique({ where: { id: p.artefactId }, select: { filename: true } }),
  ]);
  const ref = kase?.reference ?? "A case";
  const file = artefact ? `“${artefact.filename}”` : "the artefact";
  const link = `${(context.baseUrl ?? "").replace(/\/$/, "")}/cases/${p.caseId}/artefacts/${p.artefactId}`;
  const message =
    decided.kind === "accepted"
      ? {
          subject: `${ref}: “${p.host}” is now treated as internal`,
          body: [
            decided.created
              ? `${user.name} (Admin) accepted your proposal to treat “${p.host}” as internal: it joined the internal host suffixes in settings version ${decided.version}.`
              : `${user.name} (Admin) accepted your proposal to treat “${p.host}” as internal: the internal host suffixes already held it (settings version ${decided.version}).`,
            `Admin's note: ${decided.note}`,
            `The case's team can now redact ${file} on ${ref} again with the new settings ("Redact again with the new settings" on the artefact page); that voids the approvals given so far:`,
            link,
          ].join("\n"),
        }
      : {
          subject: `${ref}: “${p.host}” was not added to the internal hosts`,
          body: [
            `${user.name} (Admin) declined your proposal to treat “${p.host}” as internal; the settings did not change.`,
            `Reason: ${decided.reason}`,
            `If you can answer it, propose the host again from the residue of ${file} on ${ref} ("Propose again…"):`,
            link,
          ].join("\n"),
        };
  await queueNotification(tx, { kind: `hostProposal.${decided.kind}`, to: proposer.email, caseId: p.caseId, dedupeKey: `hostProposal.decided:${p.id}`, ...message });
}

/**
 * Admin's decision on an open proposal: only Admin (settings.manage); the input is parsed (a
 * VALIDATION error per field, nothing saved); then `decide` runs in one transaction with the
 * proposal locked.
 */
async function decideOpenProposal<S extends z.ZodType<{ proposalId: string }>, R>(user: SessionUser, schema: S, input: unknown, decide: (tx: Tx, p: LockedProposal, data: z.output<S>) => Promise<R>): Promise<R> {
  authorize(user, "settings.manage");
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "Please correct the highlighted fields; nothing was saved.", fieldErrorsOf(parsed.error));
  const data = parsed.data;
  return db().$transaction(async (tx) => decide(tx, await lockOpenProposal(tx, data.proposalId), data));
}

/**
 * Records the decision on the locked proposal (its status, who, when, the note or reason, and on
 * accept the settings version), logs it in the same transaction (`after`: what the entry says
 * besides the new status), and tells the proposer.
 */
async function recordDecision(tx: Tx, user: SessionUser, p: LockedProposal, decided: Decided, after: Record<string, unknown>, context: DecisionContext) {
  const accepted = decided.kind === "accepted";
  await tx.hostProposal.update({
    where: { id: p.id },
    data: { status: decided.kind, decidedById: user.id, decidedAt: new Date(), decisionNote: accepted ? decided.note : decided.reason, ...(accepted ? { settingsVersion: decided.version } : {}) },
  });
  await logHostProposal(tx, user, accepted ? "accept" : "decline", p, { before: { status: "open" }, after: { status: decided.kind, ...after } });
  await notifyProposer(tx, user, p, decided, context);
}

/**
 * Admin accepts SIRT's proposal: the host joins the internal host suffixes in a new settings
 * version (on top of whatever is in force: adding a host never undoes another Admin's change), and
 * the proposal records that version. A host the settings already hold is accepted without a new
 * version. Both are logged in the same transaction, and the proposer is notified (outbox). The
 * case's team then redacts again.
 */
export async function acceptHostProposal(user: SessionUser, input: unknown, context: DecisionContext = {}): Promise<{ version: number; created: boolean }> {
  return decideOpenProposal(user, ZAcceptHostProposalInput, input, async (tx, p, { note }) => {
    const current = await getCurrentSettings(tx);
    const host = normalizeHost(p.host);
    // Judged again against the settings in force: the product hosts may have changed since it was
    // proposed, and a proposal made before a rule existed is held to it now.
    const problem = hostProblem(host, "suffix") ?? productHostProblem(host, current.productHosts);
    if (problem) throw new AppError("INVALID_STATE", `${problem} It cannot be accepted as proposed: decline it with the reason, so SIRT can propose a narrower one. Nothing was saved.`);
    let version = current.version;
    const created = !current.internalHosts.includes(host);
    if (created) {
      const saved = await appendSettingsVersion(tx, user, current, { ...current, internalHosts: [...current.internalHosts, host] }, note, { hostProposalId: p.id });
      version = saved.version;
    }
    await recordDecision(tx, user, p, { kind: "accepted", version, created, note }, { host, settingsVersion: version, note, newVersion: created }, context);
    return { version, created };
  }).catch((err: unknown) => {
    // Another Admin saved a version at the same moment (the version number is the primary key).
    if ((err as { code?: string }).code === "P2002") throw conflict("The settings were saved by someone else at the same moment; nothing was changed. Try again.");
    throw err;
  });
}

/** Admin declines SIRT's proposal with a reason; the settings do not change. Logged; the proposer is told why. */
export async function declineHostProposal(user: SessionUser, input: unknown, context: DecisionContext = {}): Promise<{ status: "declined" }> {
  return decideOpenProposal(user, ZDeclineHostProposalInput, input, async (tx, p, { reason }) => {
    await recordDecision(tx, user, p, { kind: "declined", reason }, { host: p.host, reason }, context);
    return { status: "declined" as const };
  });
}
