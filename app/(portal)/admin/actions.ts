"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/action";
import { actorOf } from "@/lib/audit";
import { revokeAllSessions } from "@/lib/auth/sessions";
import { ZChangeRoleInput, ZInviteStaffInput, ZRevokeSessionsInput, ZSetActiveInput, ZSetTeamLeadInput } from "@/lib/staff/schemas";
import { changeRole, inviteStaff, setActive } from "@/lib/staff/service";
import { setTeamLead } from "@/lib/staff/set-team-lead";
import { env } from "@/lib/env";

async function baseUrl() {
  const e = env();
  if (e.NEXTAUTH_URL) return e.NEXTAUTH_URL;
  const h = await headers();
  return `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host") ?? "localhost"}`;
}

export const inviteStaffAction = defineAction("inviteStaffAction", ZInviteStaffInput, async (user, input) => {
  const result = await inviteStaff(actorOf(user), input, await baseUrl());
  revalidatePath("/admin");
  return result;
});

export const changeRoleAction = defineAction("changeRoleAction", ZChangeRoleInput, async (user, input) => {
  await changeRole(actorOf(user), input.userId, input.role);
  revalidatePath("/admin");
});

export const setActiveAction = defineAction("setActiveAction", ZSetActiveInput, async (user, input) => {
  await setActive(actorOf(user), input.userId, input.active);
  revalidatePath("/admin");
});

export const setTeamLeadAction = defineAction("setTeamLeadAction", ZSetTeamLeadInput, async (user, input) => {
  await setTeamLead(actorOf(user), input.userId, input.teamLead);
  revalidatePath("/admin");
});

export const revokeSessionsAction = defineAction("revokeSessionsAction", ZRevokeSessionsInput, async (user, input) => {
  await revokeAllSessions(actorOf(user), input.userId);
  revalidatePath("/admin");
});
