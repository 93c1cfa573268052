import "server-only";
import { randomUUID } from "node:crypto";
import type { Prisma } from "@/generated/prisma/client";
import { actorOf, recordActivity } from "@/lib/audit";
import { authorize, type SessionUser } from "@/lib/auth/session";
import { assertTransition } from "@/lib/cases/lifecycle";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { SigningKey } from "@/lib/release/keys";
import { MANIFEST_FORMAT, signManifest, type ReleaseManifest } from "@/lib/release/manifest";
import { assertArtefactsOpen, assertArtefactVersion, lockArtefact, updateArtefactAtVersion } from "./access";
import { assertArtefactTransition } from "./lifecycle";
import { liveDecisions } from "./queries";
import { releaseFilename, type ArtefactStatus } from "./rules";
import { SHARE_CHANNELS, type TShareArtefact } from "./schemas";
import { now } from "@/lib/clock";

// Step 9: only an artefact with both approvals, only by Support or the CSM.

export const SHARE_NEEDS_RESIDUE = "This artefact was approved without a review of what is left in the file (it was redacted before the residue review existed). The case's team redacts it again; Security and Legal then approve it on its residue, and it can be shared.";

const ONLY_APPROVED = "Only an artefact approved by both Security and Legal can be shared.";

export interface ShareResult {
  shareId: string;
  keyId: string;
}

/**
 * Records that Support or the CSM handed the redacted file and its signed release manifest to the
 * customer. Only the current redaction with both live approvals can be shared; the raw form never is.
 */
export async function shareArtefact(user: SessionUser, input: TShareArtefact, key: SigningKey): Promise<ShareResult> {
  authorize(user, "artefact.share");
  return db().$transaction(async (tx) => {
    const { artefact: a, kase: c } = await lockArtefact(tx, user, input.artefactId);
    assertArtefactsOpen(c);
    assertArtefactVersion(a, input.version);
    const live = await liveDecisions(tx, a.id, a.revision);
    const approvals = live.filter((d) => d.decision === "approved");
    const has = (k: "security" | "legal") => approvals.some((d) => d.kind === k);
    assertArtefactTransition(a.status as ArtefactStatus, "shared", user.role, ONLY_APPROVED);
    if (!has("security") || !has("legal") || !a.redactedSha256) throw new AppError("INVALID_STATE", ONLY_APPROVED);
    // Both approvals must have been given on this redaction's residue: an artefact approved before
    // the residue review (no inventory, or approvals without its hash) goes back for a new redaction.
    if (!a.residueSha256 || approvals.some((d) => d.residueSha256 !== a.residueSha256)) {
      throw new AppError("INVALID_STATE", SHARE_NEEDS_RESIDUE);
    }
    await updateArtefactAtVersion(tx, a.id, input.version, { status: "shared" });
    const people = new Map((await tx.user.findMany({ where: { id: { in: [user.id, ...approvals.map((d) => d.decidedById)] } }, select: { id: true, name: true, email: true } })).map((p) => [p.id, p]));
    const shareId = randomUUID();
    const sharedAt = now();
    const summary = a.redactionSummary as { redactions?: Record<string, number> } | null;
    const manifest: ReleaseManifest = {
      format: MANIFEST_FORMAT,
      case: { reference: c.reference ?? c.id, account: c.account.name },
      release: {
        id: shareId,
        sharedBy: { name: people.get(user.id)?.name ?? user.name, email: people.get(user.id)?.email ?? user.email },
        sharedAt: sharedAt.toISOString(),
        recipient: input.recipient,
        channel: SHARE_CHANNELS[input.channel],
      },
      artefacts: [
        {
          filename: releaseFilename(a.filename, a.format as "ndjson" | "text"),
          sha256: a.redactedSha256,
          size: Number(a.redactedSize ?? 0),
          form: "redacted",
          rawSha256: a.rawSha256 ?? "",
          redactions: summary?.redactions ?? {},
          lines: a.redactedLines ?? 0,
          approvals: (["security", "legal"] as const).map((k) => {
            const d = approvals.find((x) => x.kind === k)!;
            const p = people.get(d.decidedById);
            return { kind: k, decision: "approved" as const, by: p?.name ?? "Logdesk staff", at: d.decidedAt.toISOString(), ...(d.residueSha256 ? { residueSha256: d.residueSha256 } : {}) };
          }),
        },
      ],
    };
    const signed = signManifest(manifest, key);
    await tx.artefactShare.create({
      data: {
        id: shareId,
        artefactId: a.id,
        sharedById: user.id,
        recipient: input.recipient,
        channel: input.channel,
        manifest: manifest as unknown as Prisma.InputJsonValue,
        signature: signed.signature.value,
        document: `${JSON.stringify(signed, null, 2)}\n`,
        sharedAt,
      },
    });
    await recordActivity(tx, {
      actor: actorOf(user),
      action: "artefact.share",
      entityType: "Artefact",
      entityId: a.id,
      caseId: c.id,
      before: { status: a.status },
      after: { status: "shared", shareId, recipient: input.recipient, channel: input.channel, sha256: a.redactedSha256, keyId: signed.signature.keyId },
    });
    if (c.status === "approved") {
      assertTransition("approved", "shared", user.role);
      await tx.case.update({ where: { id: c.id }, data: { status: "shared", version: { increment: 1 } } });
      await recordActivity(tx, { actor: actorOf(user), action: "case.shared", entityType: "Case", entityId: c.id, caseId: c.id, before: { status: "approved" }, after: { status: "shared" } });
    }
    return { shareId, keyId: signed.signature.keyId };
  });
}
