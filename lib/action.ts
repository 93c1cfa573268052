import "server-only";
import { z } from "zod";
import { authorizeAny, requireUser, type SessionUser } from "@/lib/auth/session";
import { ACTION_RULES, permissionsOf, type ActionName } from "@/lib/auth/action-rules";
import { errorReference, isAppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { recordRefusal } from "@/lib/security-events/record-refusal";
import { fieldErrorsOf } from "@/lib/action-errors";

export type ActionResult<T = undefined> =
  | { ok: true; data: T; message?: string }
  | { ok: false; error: string; code: string; fieldErrors?: Record<string, string[]> };

export { fieldErrorsOf };

/**
 * Expected errors keep their message; anything else is logged with a
 * reference the user can quote. Refusals (403/404) are recorded as security events.
 */
export async function failure(err: unknown, context: string, actor?: SessionUser | null): Promise<ActionResult<never>> {
  if (isAppError(err)) {
    await recordRefusal(err, `action:${context}`, actor);
    return { ok: false, error: err.message, code: err.code, fieldErrors: err.fieldErrors };
  }
  const ref = errorReference();
  logger.error(`${context} failed`, { ref, err });
  return { ok: false, code: "INTERNAL", error: `Something went wrong. If it happens again, quote reference ${ref}.` };
}

/**
 * The four beats of every server action (STYLE 3): who is asking, may the role do it (from
 * ACTION_RULES, before the input is read, so a role without the permission learns nothing about
 * the fields), parse, call one service. Returns a typed result, never throws to the form.
 */
export function defineAction<S extends z.ZodType, T>(
  name: ActionName,
  schema: S,
  run: (user: SessionUser, input: z.output<S>) => Promise<T>,
): (input: unknown) => Promise<ActionResult<T>> {
  const permissions = permissionsOf(ACTION_RULES[name]);
  return async (input: unknown) => {
    let user: SessionUser | null = null;
    try {
      user = await requireUser();
      authorizeAny(user, permissions);
      const parsed = schema.safeParse(input instanceof FormData ? Object.fromEntries(input) : input);
      if (!parsed.success) {
        return { ok: false, code: "VALIDATION", error: "Please correct the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error) };
      }
      return { ok: true, data: await run(user, parsed.data) };
    } catch (err) {
      return failure(err, name, user);
    }
  };
}
