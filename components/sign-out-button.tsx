"use client";

import { signOut } from "next-auth/react";
import { useTransition } from "react";
import type { ActionResult } from "@/lib/action";

export function SignOutButton({ signOutEverywhere }: { signOutEverywhere?: () => Promise<ActionResult<{ sessionsEnded: number }>> }) {
  const [pending, start] = useTransition();
  return (
    <div className="flex items-center gap-1">
      <button
        type="button"
        disabled={pending}
        onClick={() => void signOut({ callbackUrl: "/signin" })}
        className="rounded-md px-3 py-2 text-sm font-medium text-slate-300 hover:bg-slate-700 hover:text-white"
      >
        Sign out
      </button>
      {signOutEverywhere ? (
        <button
          type="button"
          disabled={pending}
          title="Sign out of every browser you are signed in on"
          onClick={() =>
            start(async () => {
              await signOutEverywhere();
              await signOut({ callbackUrl: "/signin" });
            })
          }
          className="rounded-md px-2 py-2 text-xs font-medium text-slate-300 underline-offset-2 hover:bg-slate-700 hover:text-white hover:underline"
        >
          Sign out everywhere
        </button>
      ) : null}
    </div>
  );
}
