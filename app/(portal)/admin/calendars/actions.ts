"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/action";
import { actorOf } from "@/lib/audit";
import { ZUpdateCalendarInput } from "@/lib/calendars/schemas";
import { updateCalendar } from "@/lib/calendars/service";

export const updateCalendarAction = defineAction("updateCalendarAction", ZUpdateCalendarInput, async (user, input) => {
  const { team, ...calendar } = input;
  const result = await updateCalendar(actorOf(user), team, calendar);
  revalidatePath("/admin/calendars");
  return result;
});
