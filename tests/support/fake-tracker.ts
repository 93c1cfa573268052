// A small GitLab-compatible issues API for the tests (node:http, no vitest): it keeps issues in
// memory, checks PRIVATE-TOKEN, the project and the labels, and fails on demand: 500, a hang past
// the timeout, a closed port, 401/403/404/422, garbage, and a created issue whose 201 answer is
// dropped mid-way. Used by the integration tests (tests/integration/gap-tracker.test.ts,
// gap-filing-job.test.ts) and by the browser tests' server (tests/e2e/server-with-mailbox.ts).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export const TOKEN = "glpat-test-token-0123456789";
export const PROJECT = "security/audit-events";
export type Failure = "500" | "503" | "hang" | "401" | "403" | "404" | "422" | "garbage" | "garbage201" | "dropCreated" | "dropBeforeCreate" | "302";

export interface StoredIssue { iid: number; title: string; description: string; labels: string[]; web_url: string }

/** What a case holds that must never reach the tracker. */
export const CONFIDENTIAL = [
  "ACME Corp",
  "acme-corp",
  "acme-corp/payments",
  "jane.doe@acme-corp.com",
  "Jane Doe",
  "They needed to know who exported the repository",
  "192.0.2.44",
  "GET /acme-corp/payments/-/archive/main.zip",
];

export class FakeTracker {
  issues: StoredIssue[] = [];
  failures: Failure[] = [];
  /** What reached the tracker, with the failure it was given and the status it answered (for failure messages). */
  requests: { method: string; url: string; token: string | undefined; body: string; failure?: Failure; status?: number }[] = [];
  /** Called with each request as received (the browser tests' server files them for the specs). */
  onRequest?: (r: { method: string; url: string; body: string }) => void;
  hanging: ServerResponse[] = [];
  server: Server = createServer((req, res) => void this.handle(req, res));
  port = 0;

  async start(port = 0) {
    await new Promise<void>((resolve) => this.server.listen(port, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }
  async stop() {
    for (const r of this.hanging) r.destroy();
    this.hanging = [];
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const token = req.headers["private-token"] as string | undefined;
    const body = Buffer.concat(chunks).toString("utf8");
    const seen: FakeTracker["requests"][number] = { method: req.method!, url: req.url!, token, body };
    this.requests.push(seen);
    this.onRequest?.({ method: req.method!, url: req.url!, body });
    const send = (status: number, body: unknown) => {
      seen.status = status;
      res.writeHead(status, { "Content-Type": "application/json" });
      res.end(JSON.stringify(body));
    };
    const failure = this.failures.shift();
    seen.failure = failure;
    if (failure === "hang") return void this.hanging.push(res);
    if (failure === "500" || failure === "503") return send(Number(failure), { message: "Internal Server Error" });
    if (failure === "403") return send(403, { message: "403 Forbidden" });
    if (failure === "garbage") {
      res.writeHead(200, { "Content-Type": "text/html" });
      return res.end("<html>Sign in to the proxy</html>");
    }
    if (failure === "dropBeforeCreate") return void req.socket.destroy();
    if (failure === "302") {
      res.writeHead(302, { Location: `${this.url}/elsewhere` });
      return res.end();
    }

    if (token !== TOKEN) return send(401, { message: "401 Unauthorized" });
    const url = new URL(req.url!, this.url);
    const m = /^\/api\/v4\/projects\/([^/]+)\/issues$/.exec(url.pathname);
    if (!m || decodeURIComponent(m[1]!) !== PROJECT || failure === "404") return send(404, { message: "404 Project Not Found" });

    if (req.method === "GET") {
      const search = (url.searchParams.get("search") ?? "").toLowerCase();
      if (url.searchParams.get("in") !== "title") return send(400, { message: "the test tracker expects in=title" });
      // Fuzzy, like the real search: any issue whose title contains the text.
      return send(200, this.issues.filter((i) => i.title.toLowerCase().includes(search)));
    }
    if (req.method === "POST") {
      const sent = JSON.parse(body) as { title?: string; description?: string; labels?: string };
      const labels = (sent.labels ?? "").split(",").map((l) => l.trim()).filter(Boolean);
      if (failure === "422" || !sent.title || !labels.includes("Category:Audit Events") || !labels.includes("Enterprise Edition"))
        return send(422, { message: { labels: ["are not allowed"] } });
      const iid = this.issues.length + 1;
      const issue = { iid, title: sent.title, description: sent.description ?? "", labels, web_url: `${this.url}/${PROJECT}/-/issues/${iid}` };
      this.issues.push(issue);
      if (failure === "dropCreated") {
        // The issue exists; the answer dies after its first bytes.
        res.writeHead(201, { "Content-Type": "application/json" });
        res.write('{"iid":');
        return void setTimeout(() => req.socket.destroy(), 10);
      }
      if (failure === "garbage201") {
        res.writeHead(201, { "Content-Type": "application/json" });
        return res.end("{not json");
      }
      return send(201, issue);
    }
    send(405, { message: "405 Method Not Allowed" });
  }
}

