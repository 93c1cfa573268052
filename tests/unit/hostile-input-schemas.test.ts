import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { ZUploadArtefact } from "@/lib/artefacts/schemas";
import { ZCaseDraftInput, ZDecideException, ZOverrideVerification, ZRecordCostNotice, ZReferralOutcome, ZRequestException, ZAcceptCostNotice } from "@/lib/cases/schemas";
import { ZCreateAccountInput } from "@/lib/accounts/schemas";
import { ZEvaluateRequestInput } from "@/lib/evaluation/schemas";
import { ZDeclineHostProposalInput } from "@/lib/settings/schemas";
import { ZInviteStaffInput } from "@/lib/staff/schemas";
import { ZAddEntry, ZRelayEntry } from "@/lib/timeline/schemas";

// Issue 12, finding 6: a NUL byte in any text, or a date no case can have, is a field error
// (a 4xx beside the field), never a value that reaches the database and fails there (HTTP 500).
const ID = "00000000-0000-4000-8000-000000000001";
const NUL = "with a NUL\u0000 byte";
const evaluate = {
  account: "acme",
  resources: [{ kind: "project", path: "acme/infra/api" }],
  eventTypes: ["user_signed_in"],
  logSources: ["application"],
  window: { from: "2026-03-01T00:00:00Z", to: "2026-03-03T00:00:00Z" },
  personalData: false,
};

const CASES: [string, z.ZodType, Record<string, unknown>, string][] = [
  ["draft summary", ZCaseDraftInput, { summary: NUL }, "summary"],
  ["draft requester name", ZCaseDraftInput, { requesterName: NUL }, "requesterName"],
  ["draft requester name with a line break", ZCaseDraftInput, { requesterName: "Dana\nCustomer" }, "requesterName"],
  ["draft resource path", ZCaseDraftInput, { resources: [{ kind: "project", path: `acme/${NUL}` }] }, "resources.0.path"],
  ["draft event type", ZCaseDraftInput, { eventTypes: [NUL] }, "eventTypes.0"],
  ["draft window in year 0", ZCaseDraftInput, { windowFrom: "0000-01-01T00:00" }, "windowFrom"],
  ["draft window ending in year 275760", ZCaseDraftInput, { windowTo: "+275760-09-13T00:00:00Z" }, "windowTo"],
  ["exception reason", ZRequestException, { id: ID, version: 1, reason: `${NUL} and enough words to pass` }, "reason"],
  ["exception rationale", ZDecideException, { exceptionId: ID, grant: false, rationale: `${NUL} rationale` }, "rationale"],
  ["exception expiry in year 0", ZDecideException, { exceptionId: ID, grant: false, rationale: "a fine rationale", expiresAt: "0000-01-01T00:00" }, "expiresAt"],
  ["cost estimate", ZRecordCostNotice, { id: ID, version: 1, estimate: NUL }, "estimate"],
  ["cost acceptance note", ZAcceptCostNotice, { id: ID, version: 1, noticeId: ID, acceptedAt: "2026-01-01T00:00", note: NUL }, "note"],
  ["cost acceptance in year 0", ZAcceptCostNotice, { id: ID, version: 1, noticeId: ID, acceptedAt: "0000-01-01T00:00" }, "acceptedAt"],
  ["referral outcome", ZReferralOutcome, { referralId: ID, outcomeNote: `${NUL} outcome` }, "outcomeNote"],
  ["checklist override reason", ZOverrideVerification, { id: ID, reason: `${NUL} override` }, "reason"],
  ["timeline entry", ZAddEntry, { caseId: ID, kind: "finding", body: NUL }, "body"],
  ["relay text", ZRelayEntry, { caseId: ID, entryId: ID, channel: "other", text: NUL, recipient: "Dana" }, "text"],
  ["relay recipient", ZRelayEntry, { caseId: ID, entryId: ID, channel: "other", recipient: NUL }, "recipient"],
  ["upload file name", ZUploadArtefact, { caseId: ID, filename: `extract${NUL}.ndjson` }, "filename"],
  ["evaluate account", ZEvaluateRequestInput, { ...evaluate, account: NUL }, "account"],
  ["evaluate path", ZEvaluateRequestInput, { ...evaluate, resources: [{ kind: "project", path: NUL }] }, "resources.0.path"],
  ["evaluate event type", ZEvaluateRequestInput, { ...evaluate, eventTypes: [NUL] }, "eventTypes.0"],
  ["evaluate window in year 0", ZEvaluateRequestInput, { ...evaluate, window: { from: "0000-01-01T00:00:00Z", to: "2026-03-03T00:00:00Z" } }, "window.from"],
  ["staff name", ZInviteStaffInput, { email: "new@logdesk.test", name: NUL, role: "support" }, "name"],
  ["account name", ZCreateAccountInput, { name: NUL, slug: "nul" }, "name"],
  ["host proposal decline reason", ZDeclineHostProposalInput, { proposalId: ID, reason: NUL }, "reason"],
];

describe("hostile input is a field error", () => {
  it.each(CASES)("%s", (_name, schema, input, field) => {
    const r = schema.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join("."))).toContain(field);
  });

  it("multi-line text keeps its tabs and line breaks", () => {
    expect(ZAddEntry.safeParse({ caseId: ID, kind: "finding", body: "| a\t| b |\n|---|---|\r\n" }).success).toBe(true);
    expect(ZCaseDraftInput.safeParse({ summary: "First line.\n\n\tIndented." }).success).toBe(true);
  });

  it("ordinary input still passes", () => {
    expect(ZEvaluateRequestInput.safeParse(evaluate).success).toBe(true);
    expect(ZCaseDraftInput.safeParse({ requesterName: "Dana Customer", windowFrom: "2026-03-01T00:00", windowTo: "2026-03-03T00:00" }).success).toBe(true);
  });
});
