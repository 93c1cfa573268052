"use client";

import { useCallback, useEffect, useState } from "react";

/** An entry of the audit event catalogue, as GET /api/event-types sends it (by name). */
export interface EventCatalogueEntry {
  name: string;
  category: string;
  description: string;
}

let request: Promise<EventCatalogueEntry[]> | null = null;

/** The catalogue, fetched once per page (the browser keeps the answer five minutes); a failure is asked again next time. */
function loadEventCatalogue(): Promise<EventCatalogueEntry[]> {
  request ??= fetch("/api/event-types", { headers: { accept: "application/json" } })
    .then((r) => (r.ok ? (r.json() as Promise<EventCatalogueEntry[]>) : Promise.reject(new Error(`HTTP ${r.status}`))))
    .catch((err: unknown) => {
      request = null;
      throw err;
    });
  return request;
}

/**
 * The audit event catalogue for an event type field's suggestions, loaded when the field is first
 * focused (`want`, for its onFocus) rather than with the page: the intake and the gap form each held
 * its ~500 entries in the page's HTML and again in its data (issue 15). Typing works meanwhile;
 * `catalogue` is null until it has come, and `failed` says the suggestions could not be loaded (the
 * next focus asks again).
 */
export function useEventCatalogue(): { catalogue: EventCatalogueEntry[] | null; failed: boolean; want: () => void } {
  const [catalogue, setCatalogue] = useState<EventCatalogueEntry[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [wanted, setWanted] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    loadEventCatalogue().then(
      (c) => live && setCatalogue(c),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [wanted, attempt]);
  // A focus after a failure asks again.
  const want = useCallback(() => {
    setWanted(true);
    if (failed) {
      setFailed(false);
      setAttempt((a) => a + 1);
    }
  }, [failed]);
  return { catalogue, failed, want };
}
