"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action";
import { Time } from "@/components/ui/time";

/** Step 5: the author verifies the conditions; each tick shows who and when. */
export function VerificationChecklist({
  caseId,
  items,
  ticks,
  canTick,
  setVerification,
}: {
  caseId: string;
  items: readonly { id: string; label: string }[];
  ticks: Record<string, { by: string; at: string }>;
  canTick: boolean;
  setVerification: (input: unknown) => Promise<ActionResult<void>>;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <section aria-labelledby="verify-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="verify-heading" className="text-sm font-semibold text-slate-900">
        Verification (step 5) · {Object.keys(ticks).length}/{items.length}
      </h2>
      <ul className="mt-3 space-y-2">
        {items.map((item) => {
          const tick = ticks[item.id];
          return (
            <li key={item.id} className="text-sm">
              <label className="flex items-start gap-2">
                <input
                  type="checkbox"
                  className="mt-0.5 h-4 w-4"
                  checked={!!tick}
                  disabled={!canTick || pending}
                  onChange={(e) =>
                    start(async () => {
                      const r = await setVerification({ id: caseId, item: item.id, checked: e.target.checked });
                      setError(r.ok ? null : r.error);
                      router.refresh();
                    })
                  }
                />
                <span>
                  {item.label}
                  {tick ? (
                    <span className="block text-xs text-slate-500">
                      Ticked by {tick.by}, <Time value={tick.at} />
                    </span>
                  ) : null}
                </span>
              </label>
            </li>
          );
        })}
      </ul>
      {error ? <p className="mt-2 text-xs text-red-700" role="alert">{error}</p> : null}
    </section>
  );
}
