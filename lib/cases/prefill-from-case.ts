import "server-only";
import { authorize, type SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { ResourceRef } from "@/lib/workflow";
import { findVisibleCase } from "./access";
import { TEMPLATE_FIELDS } from "./queries";

/** The template of a refused case, to start a new request from (a new draft; the refused case stays as it is). */
export interface CasePrefill {
  sourceId: string;
  sourceReference: string | null;
  accountId: string;
  requesterName: string;
  requesterEmail: string;
  summary: string;
  resources: ResourceRef[];
  eventTypes: string[];
  logSources: ("application" | "component" | "access")[];
  windowFrom: Date | null;
  windowTo: Date | null;
  personalData: boolean;
}

/** A case refused as ineligible, open or since closed. */
export function isRefused(c: { status: string; outcome: string | null }): boolean {
  return c.status === "ineligible" || (c.status === "closed" && c.outcome === "ineligible");
}

/**
 * Steps 1-2 again after a refusal: Support or the CSM start a new request
 * from a refused case, prefilled with its template. The source is read through
 * the case guard (NOT_FOUND when the caller may not see it); nothing is written.
 */
export async function prefillFromCase(user: SessionUser, caseId: string): Promise<CasePrefill> {
  authorize(user, "case.create");
  const c = await findVisibleCase(db(), user, caseId, {
    select: {
      id: true,
      reference: true,
      status: true,
      outcome: true,
      accountId: true,
      ...TEMPLATE_FIELDS,
    },
  });
  if (!isRefused(c)) throw new AppError("INVALID_STATE", "Only a refused (ineligible) case can start a new request; change the scope of this one instead.");
  return {
    sourceId: c.id,
    sourceReference: c.reference,
    accountId: c.accountId,
    requesterName: c.requesterName,
    requesterEmail: c.requesterEmail,
    summary: c.summary,
    resources: (c.resources as unknown as ResourceRef[]) ?? [],
    eventTypes: c.eventTypes,
    logSources: c.logSources,
    windowFrom: c.windowFrom,
    windowTo: c.windowTo,
    personalData: c.personalData,
  };
}
