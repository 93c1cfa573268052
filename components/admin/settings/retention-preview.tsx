"use client";

import { useEffect, useRef, useState } from "react";
import type { ActionResult } from "@/lib/action";
import type { RetentionPreview as Answer } from "@/lib/retention/preview-retention";

export type PreviewRetention = (input: unknown) => Promise<ActionResult<Answer>>;

const DEBOUNCE_MS = 500;
const files = (n: number) => `${n.toLocaleString("en")} ${n === 1 ? "file" : "files"}`;
const cases = (n: number) => `${n.toLocaleString("en")} closed ${n === 1 ? "case" : "cases"}`;
const days = (n: number) => `${n.toLocaleString("en")} ${n === 1 ? "day" : "days"}`;

/**
 * What a draft retention period would delete within the hour of saving it (the hourly job), asked
 * of the server half a second after the last change; beside what the period in force deletes
 * anyway. A shortening that deletes more is said in amber: deleted files cannot be brought back.
 */
export function RetentionPreviewLine({ days: draft, currentDays, preview }: { days: number | null; currentDays: number; preview: PreviewRetention }) {
  const key = draft !== null && draft !== currentDays ? draft : null;
  const [answer, setAnswer] = useState<{ days: number; result: ActionResult<Answer> } | null>(null);
  const asked = useRef(0);

  useEffect(() => {
    const ticket = ++asked.current;
    if (key === null) return;
    const timer = setTimeout(async () => {
      const r = await preview({ days: key });
      if (ticket === asked.current) setAnswer({ days: key, result: r });
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [key, preview]);

  const r = key !== null && answer?.days === key ? answer.result : null;
  const data = r?.ok ? r.data : null;
  const more = data ? data.files - data.filesNow : 0;
  const text =
    key === null
      ? null
      : !r
        ? "Counting the files this period would delete…"
        : !r.ok
          ? r.error
          : more > 0
            ? `With ${days(data!.days)}, ${files(data!.files)} of ${cases(data!.cases)} would be deleted within the hour after you save: ${files(more)} more than under the ${days(data!.currentDays)} in force. Deleted files cannot be brought back.`
            : `With ${days(data!.days)}, ${files(data!.files)} of closed cases are due (under the ${days(data!.currentDays)} in force: ${data!.filesNow.toLocaleString("en")}): nothing more is deleted than now.`;

  return (
    <p
      role="status"
      aria-live="polite"
      data-testid="retention-preview"
      className={text ? `mt-3 rounded-md border px-3 py-2 text-sm ${more > 0 ? "border-amber-300 bg-amber-50 text-amber-900" : "border-slate-200 bg-slate-50 text-slate-700"}` : "sr-only"}
    >
      {text ?? ""}
    </p>
  );
}
