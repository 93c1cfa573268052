import "server-only";
import { actorOf, recordActivity } from "@/lib/audit";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { csvRow } from "@/lib/records/csv";
import { gapExportBatches, type GapExportRow } from "./queries";
import type { TGapRange } from "./schemas";

/**
 * The gap records of the cases the user may see, for filing by hand when no tracker is configured
 * (or for the product team's own tools): CSV (injection-safe cells, lib/records/csv.ts) or JSON,
 * streamed, newest first. The export itself is written to the activity log. The free text "needed
 * for" is internal to the portal and staff-only, as this export is.
 */
export const GAP_CSV_HEADER = ["reference", "recorded_at", "plan", "team", "no_gap", "missing_events", "needed_for", "no_gap_reason", "filing_state", "issue_iid", "issue_url"] as const;

function cells(r: GapExportRow) {
  return [r.reference, r.recordedAt, r.plan, r.team ?? "", r.noGap, r.missingEvents.join(" "), r.neededFor, r.noGapReason ?? "", r.filingState, r.issueIid ?? "", r.issueUrl ?? ""];
}

async function logExport(user: SessionUser, format: "csv" | "json", range?: TGapRange) {
  await recordActivity(db(), { actor: actorOf(user), action: "gap.export", entityType: "GapRecord", entityId: format, meta: range ? { from: range.from, to: range.toExclusive } : undefined });
}

export async function exportGapsCsv(user: SessionUser, range?: TGapRange): Promise<AsyncGenerator<string>> {
  await logExport(user, "csv", range);
  return (async function* () {
    yield csvRow(GAP_CSV_HEADER);
    for await (const rows of gapExportBatches(user, range)) yield rows.map((r) => csvRow(cells(r))).join("");
  })();
}

export async function exportGapsJson(user: SessionUser, range?: TGapRange): Promise<AsyncGenerator<string>> {
  await logExport(user, "json", range);
  return (async function* () {
    yield "[";
    let first = true;
    for await (const rows of gapExportBatches(user, range)) {
      for (const r of rows) {
        yield `${first ? "\n" : ",\n"}${JSON.stringify({ ...r, recordedAt: r.recordedAt.toISOString() })}`;
        first = false;
      }
    }
    yield "\n]\n";
  })();
}
