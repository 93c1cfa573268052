// GET /api/v1/openapi.json - the API's description (OpenAPI 3.1), generated from the route registry and the zod
// schemas the handlers use (lib/api-description). Public by design: it describes the contract, not any data.
import { NextResponse } from "next/server";
import { buildOpenApiDocument } from "@/lib/api-description/openapi";
import { env } from "@/lib/env";
import { errorResponse } from "@/lib/http/route";
import { VERSION } from "@/lib/version";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const document = buildOpenApiDocument({ serverUrl: env().NEXTAUTH_URL?.replace(/\/$/, ""), version: VERSION, now: new Date() });
    return NextResponse.json(document, { headers: { "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" } });
  } catch (err) {
    return errorResponse(err, "openapi.json");
  }
}
