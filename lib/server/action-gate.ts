import { readFileSync } from "node:fs";
import { IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";
import {
  ACTION_BODY_LIMIT,
  actionBodyKind,
  checkMultipartActionBody,
  checkOrigin,
  checkTextActionBody,
  hasMalformedPath,
  isActionLike,
  type Refusal,
} from "@/lib/http/action-guard";
import { logger } from "@/lib/logger";
import { loggablePath } from "@/lib/logging/request-id";

/**
 * server.ts's gate for every request (a malformed path) and server action requests (lib/http/action-guard.ts says what it refuses and
 * why). Returns the request to hand to Next (a copy carrying the body it read, for a fetch action),
 * or null when it has answered the request itself.
 */
export function actionGate(opts: { dev: boolean; publicUrl?: string; trustedProxyHops: number; dir?: string }) {
  let known: Set<string> | null = null;
  const knownActions = (): Set<string> | null => {
    if (opts.dev) return null; // the dev server compiles actions on demand; its manifest changes
    if (!known) {
      try {
        const manifest = JSON.parse(readFileSync(path.join(opts.dir ?? process.cwd(), ".next/server/server-reference-manifest.json"), "utf8"));
        known = new Set([...Object.keys(manifest.node ?? {}), ...Object.keys(manifest.edge ?? {})]);
      } catch {
        known = new Set();
      }
    }
    return known;
  };

  const refuse = (req: IncomingMessage, res: ServerResponse, r: Refusal) => {
    logger.info("request refused before Next", { status: r.status, path: loggablePath(req.url), origin: String(req.headers.origin ?? "").slice(0, 200) });
    res.statusCode = r.status;
    res.setHeader("Content-Type", "text/plain; charset=utf-8");
    res.setHeader("Cache-Control", "no-store");
    // The body may still be arriving: the answer is final either way.
    res.setHeader("Connection", "close");
    res.end(`${r.message}\n`);
    req.resume();
    return null;
  };

  return async (req: IncomingMessage, res: ServerResponse): Promise<IncomingMessage | null> => {
    const pathname = (req.url ?? "/").split("?")[0]!;
    if (hasMalformedPath(pathname)) return refuse(req, res, { status: 400, message: "Refused: the address has a malformed %-escape." });
    if (!isActionLike(req.method, pathname, req.headers)) return req;

    const origin = checkOrigin(req.headers, { publicUrl: opts.publicUrl, trustedProxyHops: opts.trustedProxyHops });
    if (!origin.ok) return refuse(req, res, origin.refusal);
    // Next compares the Origin with X-Forwarded-Host or Host itself: tell it the host we accepted.
    req.headers["x-forwarded-host"] = origin.host;

    const actionId = req.headers["next-action"];
    if (actionId === undefined) return req; // a form posted before hydration, or not an action: Next decides
    const id = Array.isArray(actionId) ? actionId[0]! : actionId;
    const ids = knownActions();
    if (ids && !ids.has(id)) return refuse(req, res, { status: 404, message: "Refused: there is no such server action." });

    const kind = actionBodyKind(req.headers["content-type"]);
    if (!kind) return refuse(req, res, { status: 415, message: "Refused: a server action takes a text/plain or multipart/form-data body." });
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > ACTION_BODY_LIMIT) return refuse(req, res, tooLarge);

    const body = await readBounded(req, ACTION_BODY_LIMIT);
    if (body === "too-large") return refuse(req, res, tooLarge);
    if (body === "aborted") return null;
    const bad = kind === "text" ? checkTextActionBody(body) : await checkMultipartActionBody(body, String(req.headers["content-type"]));
    if (bad) return refuse(req, res, bad);
    return withBody(req, body);
  };
}

const tooLarge: Refusal = { status: 413, message: "Refused: the request is larger than a server action takes (1 MB)." };

function readBounded(req: IncomingMessage, limit: number): Promise<Buffer | "too-large" | "aborted"> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (v: Buffer | "too-large" | "aborted") => {
      if (done) return;
      done = true;
      req.off("data", onData);
      resolve(v);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return finish("too-large");
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.once("end", () => finish(Buffer.concat(chunks)));
    req.once("error", () => finish("aborted"));
    req.once("close", () => finish(req.complete ? Buffer.concat(chunks) : "aborted"));
  });
}

/** A copy of the request whose body is `body` (already read from the socket), for Next to read again. */
function withBody(req: IncomingMessage, body: Buffer): IncomingMessage {
  const copy = new IncomingMessage(req.socket);
  copy.method = req.method;
  copy.url = req.url;
  copy.httpVersion = req.httpVersion;
  copy.httpVersionMajor = req.httpVersionMajor;
  copy.httpVersionMinor = req.httpVersionMinor;
  copy.headers = { ...req.headers, "content-length": String(body.length) };
  delete copy.headers["transfer-encoding"];
  copy.rawHeaders = req.rawHeaders;
  copy.push(body);
  copy.push(null);
  // Complete, as the original is: an incomplete IncomingMessage destroys the socket when it closes.
  copy.complete = true;
  return copy;
}
