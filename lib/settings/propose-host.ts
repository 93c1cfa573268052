import "server-only";
import { fieldErrorsOf } from "@/lib/action-errors";
import { loadArtefact } from "@/lib/artefacts/access";
import { recordActivity } from "@/lib/audit";
import { authorize, type SessionUser } from "@/lib/auth/session";
import { db, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getCurrentSettings } from "./current-settings";
import { coveringSuffix, productHostProblem, type HostProposalStatus } from "./rules";
import { ZProposeHostInput } from "./schemas";
import { formatDateTime } from "@/lib/format/datetime";

/** A proposal as the residue panel, the artefact page and Admin's list show it: people by name. */
export interface HostProposalView {
  id: string;
  host: string;
  status: HostProposalStatus;
  reason: string;
  proposedBy: string;
  createdAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionNote: string | null;
  /** The settings version that took the host in (accepted). */
  settingsVersion: number | null;
}


/** The activity-log entry of a proposal's creation or decision, in that change's transaction. */
export async function logHostProposal(tx: Tx, user: SessionUser, action: "create" | "accept" | "decline", p: { id: string; caseId: string }, change: { before?: unknown; after: unknown }) {
  await recordActivity(tx, {
    actor: { kind: "user", id: user.id, role: user.role },
    action: `hostProposal.${action}`,
    entityType: "HostProposal",
    entityId: p.id,
    caseId: p.caseId,
    ...change,
  });
}

/**
 * SIRT proposes, from an artefact's residue, that `host` be treated as one of the company's own
 * systems; Admin accepts or declines it in Settings. The artefact is read through the scoped
 * loader (a case SIRT may not see is not found); the host is judged like an internal suffix (so a
 * single word without its dot is refused). A host with an open proposal already, one the settings
 * in force already cover, or one that would cover a product host is refused with a message. A
 * declined host may be proposed again. Logged in the same transaction.
 */
export async function proposeInternalHost(user: SessionUser, input: { artefactId: string; host: string; reason?: string }): Promise<{ id: string; host: string; status: "open" }> {
  authorize(user, "settings.proposeHost");
  const parsed = ZProposeHostInput.safeParse(input);
  if (!parsed.success) {
    const fields = fieldErrorsOf(parsed.error);
    if (fields.artefactId) throw new AppError("NOT_FOUND", "That artefact was not found.");
    throw new AppError("VALIDATION", fields.host?.[0] ?? "Please correct the highlighted fields.", fields);
  }
  const { artefactId, host, reason } = parsed.data;
  return db().$transaction(async (tx) => {
    const { artefact, kase } = await loadArtefact(tx, user, artefactId);
    // One proposal per host at a time, also when two people propose it at the same moment.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`host-proposal:${host}`}))`;
    const open = await tx.hostProposal.findFirst({ where: { host, status: "open" }, select: { proposedById: true, createdAt: true } });
    if (open) {
      const by = (await tx.user.findUnique({ where: { id: open.proposedById }, select: { name: true } }))?.name ?? "someone";
      throw new AppError("CONFLICT", `“${host}” was already proposed by ${by} on ${formatDateTime(open.createdAt)}; Admin has not decided yet.`, { host: ["Already proposed; waiting for Admin."] });
    }
    const settings = await getCurrentSettings(tx);
    const covered = coveringSuffix(host, settings.internalHosts);
    if (covered) {
      throw new AppError(
        "INVALID_STATE",
        `“${host}” is already treated as internal (suffix “${covered}”, settings version ${settings.version}). Redact the artefact again with the current settings.`,
        { host: [`Already internal under “${covered}”.`] },
      );
    }
    // Treating a product host as internal would redact the product's own URLs whole.
    const product = productHostProblem(host, settings.productHosts);
    if (product) throw new AppError("VALIDATION", product, { host: [product] });
    const created = await tx.hostProposal.create({
      data: { host, artefactId: artefact.id, caseId: kase.id, proposedById: user.id, reason },
      select: { id: true },
    });
    await logHostProposal(tx, user, "create", { id: created.id, caseId: kase.id }, { after: { host, artefactId: artefact.id, reason, settingsVersion: settings.version } });
    return { id: created.id, host, status: "open" as const };
  });
}

/**
 * The proposals made from one artefact, newest first, for the residue panel ("proposed",
 * "accepted"). Whoever may read the artefact may see them; anything else is not found.
 */
export async function listHostProposalsForArtefact(user: SessionUser, artefactId: string): Promise<HostProposalView[]> {
  authorize(user, "artefact.read");
  const { artefact } = await loadArtefact(db(), user, artefactId);
  const rows = await db().hostProposal.findMany({
    where: { artefactId: artefact.id },
    orderBy: { createdAt: "desc" },
    select: { id: true, host: true, status: true, reason: true, proposedById: true, createdAt: true, decidedById: true, decidedAt: true, decisionNote: true, settingsVersion: true },
  });
  return withNames(rows);
}

/** The proposal status of each host named on an artefact: the latest proposal per host. */
export async function hostProposalStatusesForArtefact(user: SessionUser, artefactId: string): Promise<Record<string, HostProposalView["status"]>> {
  const out: Record<string, HostProposalView["status"]> = {};
  for (const p of await listHostProposalsForArtefact(user, artefactId)) out[p.host] ??= p.status;
  return out;
}

/** A proposal as stored: people by id. */
type ProposalRow = Omit<HostProposalView, "proposedBy" | "decidedBy"> & { proposedById: string; decidedById: string | null };

export async function withNames<T extends ProposalRow>(rows: T[]): Promise<(HostProposalView & Omit<T, keyof ProposalRow>)[]> {
  const ids = [...new Set(rows.flatMap((r) => [r.proposedById, r.decidedById]).filter((id): id is string => !!id))];
  const names = new Map((ids.length ? await db().user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }) : []).map((u) => [u.id, u.name]));
  return rows.map(({ proposedById, decidedById, ...r }) => ({
    ...r,
    proposedBy: names.get(proposedById) ?? "a former staff member",
    decidedBy: decidedById ? (names.get(decidedById) ?? "a former staff member") : null,
  })) as (HostProposalView & Omit<T, keyof ProposalRow>)[];
}
