"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/action";
import { ZUpdateCalendarInput } from "@/lib/calendars/schemas";
import { updateCalendar } from "@/lib/calendars/service";

const actor = (u: { id: string; role: string }) => ({ kind: "user" as const, id: u.id, role: u.role });

export const updateCalendarAction = defineAction("updateCalendar", "settings.manage", ZUpdateCalendarInput, async (user, input) => {
  const { team, ...calendar } = input;
  const result = await updateCalendar(actor(user), team, calendar);
  revalidatePath("/admin/calendars");
  return result;
});
