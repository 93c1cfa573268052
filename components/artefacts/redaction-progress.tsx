"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { ProgressBar } from "./progress-bar";

/** Polls an artefact while its redaction job runs and refreshes the page when it is done. */
export function RedactionProgress({ artefactId, initial }: { artefactId: string; initial: number }) {
  const router = useRouter();
  const [progress, setProgress] = useState(initial);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      try {
        const res = await fetch(`/api/artefacts/${artefactId}`, { cache: "no-store" });
        if (res.ok) {
          const body = (await res.json()) as { status: string; progress: number };
          if (stopped) return;
          setProgress(body.progress);
          if (body.status !== "processing") {
            router.refresh();
            return;
          }
        }
      } catch {
        /* a missed poll is retried */
      }
      if (!stopped) timer = setTimeout(poll, 1000);
    };
    timer = setTimeout(poll, 700);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [artefactId, router]);
  return <ProgressBar testId="redaction-progress" label="Redacting" value={progress} />;
}
