import { randomUUID } from "node:crypto";
import type { Prisma } from "@/generated/prisma/client";
import type { Role } from "@/lib/auth/permissions";
import { VERIFICATION_ITEMS } from "@/lib/cases/schemas";
import { db } from "@/lib/db";

const uniq = () => randomUUID().slice(0, 8);

export async function createUser(role: Role, over: Partial<Prisma.UserCreateInput> = {}) {
  return db().user.create({
    data: { email: `${role}-${uniq()}@test.example`, name: `${role} ${uniq()}`, role, ...over },
    select: { id: true, email: true, name: true, role: true },
  });
}

export async function createAccount(over: Partial<Prisma.AccountCreateInput> = {}) {
  const slug = `acct-${uniq()}`;
  return db().account.create({
    data: { name: slug, slug, plan: "premium", deployment: "saas", paying: true, ...over },
    select: { id: true, slug: true },
  });
}

/**
 * References unique within a test file and always of the app's shape (IR-YYYY-NNNN…, 4 to 8 digits:
 * CASE_REFERENCE_PATTERN). A random number below 1,000 once gave "IR-2026-123", which the gap
 * issue's builder refused, so a filing test saw its record stop instead of retry (CI, 2026-12-07).
 */
let referenceSeq = Math.floor(Math.random() * 1_000_000);
export const nextReference = () => `IR-2026-${10_000_000 + (referenceSeq++ % 90_000_000)}`;

export async function createCase(data: { accountId: string; authorId: string } & Partial<Prisma.CaseUncheckedCreateInput>) {
  return db().case.create({
    data: { summary: "Suspicious token use", status: "submitted", reference: nextReference(), requestedAt: new Date(), ...data },
    select: { id: true },
  });
}

/** The step-5 checklist, every item ticked by `byId`: a nested create for `case.create({ data: { ticks } })` of a worked case. */
export function tickedChecklist(byId: string) {
  return { create: VERIFICATION_ITEMS.map((i) => ({ item: i.id, tickedById: byId })) };
}
