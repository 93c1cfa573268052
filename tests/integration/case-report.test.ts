import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decideArtefact } from "@/lib/artefacts/decide-artefact";
import { REDACT_JOB, runRedactionJob } from "@/lib/artefacts/job";
import { DEFAULT_LIMITS } from "@/lib/artefacts/lines";
import { shareArtefact } from "@/lib/artefacts/share-artefact";
import { uploadArtefact } from "@/lib/artefacts/upload-artefact";
import type { SessionUser } from "@/lib/auth/session";
import { localBlobStore, type BlobStore } from "@/lib/blobstore";
import { caseReportPdf, loadCaseReport } from "@/lib/cases/case-report";
import { db } from "@/lib/db";
import { loadOrCreateSigningKey, type SigningKey } from "@/lib/release/keys";
import { addEntry, relayEntry } from "@/lib/timeline/service";
import { useTestDatabase } from "../support/db";
import { createUser } from "../support/factories";
import { intakeDraft, saveAndSubmit, tickChecklist } from "../support/intake";

useTestDatabase();

let dir: string;
let store: BlobStore;
let key: SigningKey;
let support: SessionUser, csm: SessionUser, otherCsm: SessionUser, sirt: SessionUser, legal: SessionUser, admin: SessionUser;
let caseId: string;
let reference: string;
let rawSha256: string;
let redactedSha256: string;

const HOUR = 3_600_000;

async function* chunks(buf: Buffer): AsyncGenerator<Uint8Array> {
  yield buf;
}

async function pdfText(pdf: Buffer): Promise<{ text: string; pages: number }> {
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  const { text, totalPages } = await extractText(doc, { mergePages: true });
  // Long values (SHA-256s) wrap inside their table cells: compare without whitespace.
  return { text: text.replace(/\s+/g, ""), pages: totalPages };
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "logdesk-case-report-"));
  store = localBlobStore(dir);
  key = await loadOrCreateSigningKey(dir);
  [support, csm, otherCsm, sirt, legal, admin] = (await Promise.all((["support", "csm", "csm", "sirt", "legal", "admin"] as const).map((r) => createUser(r)))) as SessionUser[];
  const a = await db().account.create({
    data: {
      slug: "acme-report",
      name: "ACME",
      plan: "premium",
      deployment: "saas",
      paying: true,
      managers: { create: [{ userId: csm.id }] },
      resources: { create: [{ kind: "project", path: "acme/infra/api", pathLower: "acme/infra/api" }] },
    },
  });
  // The whole case through the services: intake, step 5, timeline and relay, upload, redaction, both approvals, release.
  const c = await saveAndSubmit(support, intakeDraft(a.id));
  caseId = c.id;
  await tickChecklist(support, caseId);
  await addEntry(support, { caseId, kind: "finding", visibility: "internal", body: "INTERNALNOTE the token came from a CI runner." });
  const e = await addEntry(support, { caseId, kind: "status_update", visibility: "relayable", body: "RELAYABLEUPDATE We found the token's creation event." });
  await relayEntry(support, { caseId, entryId: e.id, channel: "email" });
  const at = new Date(Date.now() - 24 * HOUR).toISOString();
  const lines = [`{"time":"${at}","meta.project":"acme/infra/api","message":"token created","remote_ip":"203.0.113.9"}`, `{"time":"${at}","meta.project":"acme/infra/api","message":"token used"}`];
  const up = await uploadArtefact(support, { caseId, filename: "extract.ndjson", dropOutsideWindow: true, dropOutsideScope: true, disclosePersonalData: false }, chunks(Buffer.from(`${lines.join("\n")}\n`)), {
    store,
    limits: DEFAULT_LIMITS,
    maxUploadBytes: 10 * 1024 * 1024,
  });
  for (const job of await db().job.findMany({ where: { kind: REDACT_JOB, status: "queued" } })) {
    await runRedactionJob(db(), { id: job.id, payload: job.payload, attempts: 1, maxAttempts: 3 }, { store, limits: DEFAULT_LIMITS, internalHosts: [".internal"], progressEveryMs: 0 });
    await db().job.update({ where: { id: job.id }, data: { status: "done" } });
  }
  for (const who of [sirt, legal]) {
    const row = await db().artefact.findUniqueOrThrow({ where: { id: up.id } });
    await decideArtefact(who, { artefactId: up.id, version: row.version, decision: "approved", comment: "Fine to release.", residueSha256: row.residueSha256 ?? undefined, residueReviewed: true });
  }
  const row = await db().artefact.findUniqueOrThrow({ where: { id: up.id } });
  await shareArtefact(csm, { artefactId: up.id, version: row.version, recipient: "dana@customer.example", channel: "secure_file_share" }, key);
  const done = await db().artefact.findUniqueOrThrow({ where: { id: up.id } });
  rawSha256 = done.rawSha256!;
  redactedSha256 = done.redactedSha256!;
  reference = (await db().case.findUniqueOrThrow({ where: { id: caseId } })).reference!;
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe("the case report (PDF)", () => {
  it("prints the reference and status, every decision check with the policy version, both SHA-256s, the approvals and the manifest fingerprint; relayable entries only", async () => {
    const { filename, pdf } = await caseReportPdf(legal, caseId);
    expect(filename).toBe(`${reference}-case-report.pdf`);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const { text, pages } = await pdfText(pdf);
    expect(pages).toBeGreaterThanOrEqual(1);
    const { data } = await loadCaseReport(legal, caseId);
    expect(text).toContain(reference);
    expect(text).toContain("Status:shared");
    const decision = data.decisions[0]!;
    expect(decision.checks.length).toBeGreaterThan(3);
    for (const check of decision.checks) expect(text).toContain(`${check.id}${check.result}`);
    expect(text).toContain(decision.policyVersion.replace(/\s+/g, ""));
    expect(text).toContain(rawSha256);
    expect(text).toContain(redactedSha256);
    expect(text).toContain(data.releases[0]!.manifestSha256);
    expect(text).toContain("Fine to release.".replace(/\s+/g, ""));
    expect(text).toContain("RELAYABLEUPDATE");
    expect(text).not.toContain("INTERNALNOTE");
    expect(text).toContain("AuditEventsgap:notrecordedyet");
    expect(text).toMatch(/Page1of\d/);
  });

  it("includes internal entries only when the reader asks", async () => {
    const { pdf } = await caseReportPdf(sirt, caseId, { includeInternal: true });
    const { text } = await pdfText(pdf);
    expect(text).toContain("INTERNALNOTE");
    expect(text).toContain("RELAYABLEUPDATE");
  });

  it("prints the gap record when one is passed (the gap session plugs it in)", async () => {
    const { pdf } = await caseReportPdf(legal, caseId, { gap: { missingEvents: ["ci_token_used"], neededFor: null, noGapReason: null, issue: null } });
    const { text } = await pdfText(pdf);
    expect(text).toContain("ci_token_used");
    expect(text).not.toContain("notrecordedyet");
  });

  it("is NOT_FOUND for a case the user may not see, and refused to Admin", async () => {
    await expect(caseReportPdf(otherCsm, caseId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(caseReportPdf(legal, "00000000-0000-4000-8000-000000000000")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(caseReportPdf(admin, caseId)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("writes the PDF for a look at page 1 when CASE_REPORT_PDF_OUT is set", async () => {
    const { pdf } = await caseReportPdf(legal, caseId, { includeInternal: true });
    if (process.env.CASE_REPORT_PDF_OUT) await fs.writeFile(process.env.CASE_REPORT_PDF_OUT, pdf);
    expect(pdf.length).toBeGreaterThan(1000);
  });
});
