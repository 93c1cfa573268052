// GET /api/metrics - Prometheus text (lib/metrics). Only with METRICS_TOKEN set (404 otherwise), and
// only for `Authorization: Bearer <METRICS_TOKEN>` (401 otherwise); no session is asked or read.
import { NextResponse } from "next/server";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { metricsTokenMatches, renderMetrics } from "@/lib/metrics";
import { errorResponse } from "@/lib/http/route";
import { recordSecurityEvent } from "@/lib/security-events/record-security-event";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

export async function GET(req: Request) {
  const token = env().METRICS_TOKEN;
  if (!token) return NextResponse.json({ error: { code: "NOT_FOUND", message: "Not found." } }, { status: 404, headers: NO_STORE });
  const authorization = req.headers.get("authorization");
  if (!metricsTokenMatches(authorization, token)) {
    // A refusal like any other (issue 12): recorded, never with what was presented.
    await recordSecurityEvent({ kind: "refused", target: "route:GET /api/metrics", outcome: "UNAUTHENTICATED", detail: { token: authorization ? "presented" : "missing" } });
    return NextResponse.json({ error: { code: "UNAUTHENTICATED", message: "The metrics token is missing or wrong." } }, { status: 401, headers: { ...NO_STORE, "WWW-Authenticate": 'Bearer realm="logdesk-metrics"' } });
  }
  try {
    const { contentType, body } = await renderMetrics(db());
    return new Response(body, { headers: { ...NO_STORE, "Content-Type": contentType } });
  } catch (err) {
    return errorResponse(err, "metrics");
  }
}
