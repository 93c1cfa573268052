// POST /api/v1/evaluate - the eligibility decision for a customer account and scope, as JSON, for a helpdesk integration (Bearer API token).
import { NextResponse } from "next/server";
import { fieldErrorsOf } from "@/lib/action";
import { authenticateToken } from "@/lib/api-tokens/service";
import { evaluateOperation } from "@/lib/api-description/registry";
import { ZEvaluateResponse, type TApiError } from "@/lib/api-description/answers";
import { evaluateForAccount } from "@/lib/evaluation/service";
import { errorReference, HTTP_STATUS, isAppError } from "@/lib/errors";
import { bearerOf, readBody } from "@/lib/http/request";
import { logger } from "@/lib/logger";
import { recordRefusal } from "@/lib/security-events/record-refusal";
import { recordSecurityEvent } from "@/lib/security-events/record-security-event";

const TARGET = "route:POST /api/v1/evaluate";

export const dynamic = "force-dynamic";

/** Bodies are a few hundred bytes; anything near this is a mistake or an attack. Documented with the schema (lib/api-description). */
const { maxBytes: MAX_BODY_BYTES, schema: ZEvaluateRequestInput } = evaluateOperation.requestBody;

function fail(status: number, code: string, message: string, opts: { fields?: Record<string, string[]>; headers?: Record<string, string> } = {}) {
  const body: TApiError = { error: { code, message, ...(opts.fields ? { fields: opts.fields } : {}) } };
  return NextResponse.json(body, { status, headers: { "Cache-Control": "no-store", ...opts.headers } });
}

export async function POST(request: Request) {
  let token: { id: string } | null = null;
  try {
    const bearer = bearerOf(request);
    try {
      token = await authenticateToken(bearer);
    } catch (err) {
      if (!isAppError(err)) throw err;
      // A missing, unknown or revoked token is a refusal like any other: recorded (never the token itself).
      await recordSecurityEvent({ kind: "refused", target: TARGET, outcome: err.code, detail: { token: bearer ? "presented" : "missing" } });
      const challenge = bearer ? 'Bearer realm="logdesk", error="invalid_token"' : 'Bearer realm="logdesk"';
      return fail(HTTP_STATUS[err.code], err.code, err.message, { headers: { "WWW-Authenticate": challenge } });
    }

    const text = await readBody(request, MAX_BODY_BYTES);
    if (text === null) return fail(413, "PAYLOAD_TOO_LARGE", `The request body is over ${MAX_BODY_BYTES / 1024} KB.`);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return fail(400, "VALIDATION", "The request body is not valid JSON.");
    }
    const parsed = ZEvaluateRequestInput.safeParse(json);
    if (!parsed.success) return fail(400, "VALIDATION", "Some fields are missing or not valid.", { fields: fieldErrorsOf(parsed.error) });

    const { decision, facts } = await evaluateForAccount({ kind: "token", id: token.id }, parsed.data);
    // Through the documented schema: dates as ISO strings, nothing undocumented sent.
    return NextResponse.json(ZEvaluateResponse.encode({ decision, facts }), { headers: { "Cache-Control": "no-store" } });
  } catch (err) {
    if (isAppError(err)) {
      if (token) await recordRefusal(err, TARGET, null, { token: token.id });
      return fail(HTTP_STATUS[err.code], err.code, err.message, { fields: err.fieldErrors });
    }
    const ref = errorReference();
    logger.error("POST /api/v1/evaluate failed", { ref, err });
    return fail(500, "INTERNAL", `Something went wrong. If it happens again, quote reference ${ref}.`);
  }
}

function methodNotAllowed() {
  return fail(405, "METHOD_NOT_ALLOWED", "Use POST.", { headers: { Allow: "POST" } });
}

export const GET = methodNotAllowed;
export const PUT = methodNotAllowed;
export const PATCH = methodNotAllowed;
export const DELETE = methodNotAllowed;
