// GET /api/health/db - the light check for a load balancer: this instance answers and reaches its
// database (one round trip, no migration or backlog figures; those are /api/health's). 200 or 503.
import { NextResponse } from "next/server";
import { ZHealthDb } from "@/lib/api-description/answers";
import { pingDatabase } from "@/lib/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const ok = await pingDatabase();
  return NextResponse.json(ZHealthDb.encode(ok ? { ok } : { ok, error: "The database cannot be reached." }), { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
