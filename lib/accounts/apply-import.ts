import "server-only";
import { randomUUID } from "node:crypto";
import { activityBatch, recordActivity, type Actor } from "@/lib/audit";
import { db } from "@/lib/db";
import { AppError, conflict } from "@/lib/errors";
import { insertAccount } from "./create-account";
import { planImport } from "./preview-import";
import { describeResource, diffFields, isUniqueViolation, resourceData, resourceKey } from "./rules";
import type { TApplyImportInput } from "./schemas";

/**
 * Applies a previewed import in one transaction: every account or none. The
 * plan is made again inside the transaction and must match the preview's token
 * (same text, same accounts as then) and have no errors.
 */
export async function applyImport(actor: Actor, input: TApplyImportInput) {
  try {
    return await db().$transaction(
      async (tx) => {
        const { preview, planned } = await planImport(tx, input);
        if (preview.fileErrors.length > 0 || preview.counts.error > 0) {
          throw new AppError("VALIDATION", "Some rows have errors: fix them and preview again. Nothing was imported.");
        }
        if (preview.token !== input.token) {
          throw conflict("The accounts changed since your preview (or the text did). Preview again to see what the import will do now. Nothing was imported.");
        }
        const importId = randomUUID();
        const meta = { importId, format: input.format };
        // Every account row is locked (updated) first and the log written after: the chain's lock is
        // never held while waiting for an account another transaction holds (lib/audit/index.ts).
        const log = activityBatch();
        for (const row of planned) {
          if (!row.account || row.action === "unchanged") continue;
          if (row.action === "create") {
            await insertAccount(tx, actor, { fields: row.account.fields, resources: row.account.resources, managerIds: row.managerIds }, meta, log.add);
            continue;
          }
          const existing = row.existing!;
          const { before, after } = diffFields(existing.fields, row.account.fields);
          const { count } = await tx.account.updateMany({ where: { id: existing.id, version: existing.version }, data: { ...after, version: { increment: 1 } } });
          if (count !== 1) throw conflict(`${row.slug} was changed meanwhile. Preview again. Nothing was imported.`);
          const removeKeys = new Set(row.removeResources.map(resourceKey));
          const removeIds = existing.resources.filter((r) => removeKeys.has(resourceKey(r))).map((r) => r.id);
          if (removeIds.length) await tx.ownedResource.deleteMany({ where: { id: { in: removeIds } } });
          if (row.addResources.length) await tx.ownedResource.createMany({ data: row.addResources.map((r) => ({ ...resourceData(r), accountId: existing.id })) });
          await tx.accountManager.deleteMany({ where: { accountId: existing.id, userId: { notIn: row.managerIds } } });
          const newManagers = row.managerIds.filter((id) => !existing.managerIds.includes(id));
          if (newManagers.length) await tx.accountManager.createMany({ data: newManagers.map((userId) => ({ accountId: existing.id, userId })) });
          await log.add({
            actor,
            action: "account.update",
            entityType: "Account",
            entityId: existing.id,
            before: { ...before, ...(row.removeResources.length ? { resourcesRemoved: row.removeResources.map(describeResource) } : {}), ...(row.removeManagers.length ? { managersRemoved: row.removeManagers } : {}) },
            after: { ...after, ...(row.addResources.length ? { resourcesAdded: row.addResources.map(describeResource) } : {}), ...(row.addManagers.length ? { managersAdded: row.addManagers } : {}) },
            meta: { ...meta, version: existing.version + 1 },
          });
        }
        await log.flush(tx);
        await recordActivity(tx, { actor, action: "account.import", entityType: "AccountImport", entityId: importId, meta: { format: input.format, created: preview.counts.create, updated: preview.counts.update, unchanged: preview.counts.unchanged, slugs: planned.filter((p) => p.action === "create" || p.action === "update").map((p) => p.slug) } });
        return { importId, created: preview.counts.create, updated: preview.counts.update, unchanged: preview.counts.unchanged };
      },
      { timeout: 60_000, maxWait: 10_000 },
    );
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict("Another import or edit created one of these accounts meanwhile. Preview again. Nothing was imported.");
    throw err;
  }
}
