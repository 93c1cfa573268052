"use client";

import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action";

type Revoke = (input: unknown) => Promise<ActionResult<void>>;

export function RevokeTokenButton({ tokenId, name, revoke }: { tokenId: string; name: string; revoke: Revoke }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex flex-col items-end gap-1">
      <button
        type="button"
        disabled={pending}
        onClick={() => {
          if (!window.confirm(`Revoke the token “${name}”? Anything using it is refused from its next request. This cannot be undone.`)) return;
          start(async () => {
            const r = await revoke({ tokenId });
            setError(r.ok ? null : r.error);
          });
        }}
        className="rounded-md border border-red-300 px-3 py-1 text-sm font-medium text-red-700 hover:bg-red-50 disabled:opacity-60"
      >
        {pending ? "Revoking…" : "Revoke"}
      </button>
      {error ? <p className="text-xs text-red-700" role="alert">{error}</p> : null}
    </div>
  );
}
