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

export async function createCase(data: { accountId: string; authorId: string } & Partial<Prisma.CaseUncheckedCreateInput>) {
  return db().case.create({
    data: { summary: "Suspicious token use", status: "submitted", reference: `IR-2026-${Math.floor(Math.random() * 1e6)}`, requestedAt: new Date(), ...data },
    select: { id: true },
  });
}

/** The step-5 checklist, every item ticked by `byId`: a nested create for `case.create({ data: { ticks } })` of a worked case. */
export function tickedChecklist(byId: string) {
  return { create: VERIFICATION_ITEMS.map((i) => ({ item: i.id, tickedById: byId })) };
}
