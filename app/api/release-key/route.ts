// GET /api/release-key - the public key (SPKI PEM) that verifies Logdesk's signed release manifests. Public by design.
import { releaseKeyOperation } from "@/lib/api-description/registry";
import { releaseSigningKey } from "@/lib/artefacts/store";
import { errorResponse } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const key = await releaseSigningKey();
    return new Response(key.publicKeyPem, {
      headers: { "Content-Type": `${releaseKeyOperation.responses["200"].contentType}; charset=utf-8`, "X-Key-Id": key.keyId, "Cache-Control": "public, max-age=300" },
    });
  } catch (err) {
    return errorResponse(err, "release key");
  }
}
