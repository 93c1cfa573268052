// Pure helpers of the case services: how a draft is stored and what the list's search matches.
import type { Prisma } from "@/generated/prisma/client";
import type { TCaseDraftInput } from "./schemas";

/** What the list's text search matches: reference, summary, requester and account name, lower-cased. */
export function searchTextOf(c: { reference?: string | null; summary: string; requesterName: string; requesterEmail: string; accountName: string }) {
  return [c.reference ?? "", c.accountName, c.requesterName, c.requesterEmail, c.summary].join("\n").toLowerCase().slice(0, 20_000);
}

/** The template's fields as the Case row stores them. */
export const draftData = (d: TCaseDraftInput) => ({
  requesterName: d.requesterName,
  requesterEmail: d.requesterEmail,
  summary: d.summary,
  resources: d.resources as unknown as Prisma.InputJsonValue,
  eventTypes: d.eventTypes,
  logSources: d.logSources,
  windowFrom: d.windowFrom,
  windowTo: d.windowTo,
  personalData: d.personalData,
});
