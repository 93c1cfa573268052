// GET /api/health - database reachable, migrations up to date, version, outbox and job backlog, last audit
// checkpoint (counts and times only: it is public). 200 when healthy, 503 otherwise.
import { NextResponse } from "next/server";
import { ZHealth } from "@/lib/api-description/answers";
import { checkHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const health = await checkHealth();
  return NextResponse.json(ZHealth.encode(health), { status: health.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
