// GET /api/metrics - Prometheus text (lib/metrics). Only with METRICS_TOKEN set (404 otherwise), and
// only for `Authorization: Bearer <METRICS_TOKEN>` (401 otherwise); no session is asked or read.
import { NextResponse } from "next/server";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { metricsTokenMatches, renderMetrics } from "@/lib/metrics";
import { errorResponse } from "@/lib/http/route";
import { createEventThrottle } from "@/lib/security-events/event-throttle";
import { recordSecurityEvent, requestAddress } from "@/lib/security-events/record-security-event";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

// A misconfigured scraper is refused every 15 s: one event per address a minute, with the count left out.
const refusals = createEventThrottle(60_000);

export async function GET(req: Request) {
  const token = env().METRICS_TOKEN;
  if (!token) return NextResponse.json({ error: { code: "NOT_FOUND", message: "Not found." } }, { status: 404, headers: NO_STORE });
  const authorization = req.headers.get("authorization");
  if (!metricsTokenMatches(authorization, token)) {
    // A refusal like any other (issue 12): recorded, never with what was presented.
    const address = await requestAddress();
    const { record, suppressed } = refusals.take(address ?? "unknown");
    if (record) await recordSecurityEvent({ kind: "refused", target: "route:GET /api/metrics", outcome: "UNAUTHENTICATED", address, detail: { token: authorization ? "presented" : "missing", ...(suppressed ? { alsoRefusedInTheMinuteBefore: suppressed } : {}) } });
    return NextResponse.json({ error: { code: "UNAUTHENTICATED", message: "The metrics token is missing or wrong." } }, { status: 401, headers: { ...NO_STORE, "WWW-Authenticate": 'Bearer realm="logdesk-metrics"' } });
  }
  try {
    const { contentType, body } = await renderMetrics(db());
    return new Response(body, { headers: { ...NO_STORE, "Content-Type": contentType } });
  } catch (err) {
    return errorResponse(err, "metrics");
  }
}
