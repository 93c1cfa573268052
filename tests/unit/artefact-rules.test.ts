import { describe, expect, it } from "vitest";
import type { Role } from "@/lib/auth/permissions";
import { ZUploadArtefact } from "@/lib/artefacts/schemas";
import { approvalKindOf, canReadRaw, canReadRedacted, canUpload, caseStatusFor, releaseFilename, redactedFilename, reviewStatus, safeFilename, type ArtefactStatus, type LiveDecision } from "@/lib/artefacts/rules";

describe("who reads the raw form (DESIGN.md)", () => {
  it.each([
    ["sirt", "sirt", true],
    ["sirt", "support", false],
    ["legal", "sirt", true],
    ["legal", "support", true],
    ["support", "support", true],
    ["support", "sirt", false],
    ["csm", "support", true],
    ["csm", "sirt", false],
    ["admin", "sirt", false],
    ["admin", "support", false],
  ] as [Role, "sirt" | "support", boolean][])("%s on a %s case: %s", (role, team, expected) => {
    expect(canReadRaw(role, team)).toBe(expected);
  });
});

describe("who uploads", () => {
  it.each([
    ["sirt", "sirt", true],
    ["support", "support", true],
    ["sirt", "support", false],
    ["support", "sirt", false],
    ["csm", "support", false],
    ["legal", "sirt", false],
    ["admin", "support", false],
    ["sirt", null, false],
  ] as [Role, "sirt" | "support" | null, boolean][])("%s on a %s case: %s", (role, team, expected) => {
    expect(canUpload(role, team)).toBe(expected);
  });
});

it.each([
  ["sirt", "security"],
  ["legal", "legal"],
  ["support", null],
  ["csm", null],
  ["admin", null],
] as [Role, string | null][])("%s gives the %s decision", (role, kind) => {
  expect(approvalKindOf(role)).toBe(kind);
});

const d = (kind: "security" | "legal", decision: "approved" | "rejected"): LiveDecision => ({ kind, decision });

describe("an artefact's status from its live decisions", () => {
  it.each([
    ["no decision", "in_review", [], "in_review"],
    ["Legal only", "in_review", [d("legal", "approved")], "in_review"],
    ["Security only", "in_review", [d("security", "approved")], "in_review"],
    ["both", "in_review", [d("legal", "approved"), d("security", "approved")], "approved"],
    ["both, then Legal rejects", "approved", [d("legal", "rejected"), d("security", "approved")], "rejected"],
    ["a rejection wins", "in_review", [d("security", "rejected")], "rejected"],
    ["rejected, then approved by both", "rejected", [d("legal", "approved"), d("security", "approved")], "approved"],
    ["still processing", "processing", [d("legal", "approved"), d("security", "approved")], "processing"],
    ["shared stays shared", "shared", [d("legal", "rejected")], "shared"],
    ["failed stays failed", "failed", [], "failed"],
    ["withdrawn stays withdrawn", "withdrawn", [d("legal", "approved"), d("security", "approved")], "withdrawn"],
  ] as [string, ArtefactStatus, LiveDecision[], ArtefactStatus][])("%s", (_name, current, live, expected) => {
    expect(reviewStatus(current, live)).toBe(expected);
  });
});

describe("where the case goes with its artefacts", () => {
  it.each([
    ["all approved", "artefacts_in_review", ["approved", "approved"], "approved"],
    ["one still in review", "artefacts_in_review", ["approved", "in_review"], null],
    ["one processing", "artefacts_in_review", ["approved", "processing"], null],
    ["a rejection keeps it in review", "artefacts_in_review", ["approved", "rejected"], null],
    ["failed ones do not count", "artefacts_in_review", ["approved", "failed"], "approved"],
    ["only failed: stays (the team redacts again or withdraws it)", "artefacts_in_review", ["failed"], null],
    ["all withdrawn: back to the log-dive", "artefacts_in_review", ["withdrawn", "withdrawn"], "in_progress"],
    ["withdrawn ones do not count", "artefacts_in_review", ["withdrawn", "approved"], "approved"],
    ["withdrawing the rejected one leaves one in review", "artefacts_in_review", ["withdrawn", "in_review"], null],
    ["approved, then one redacted again", "approved", ["approved", "processing"], "artefacts_in_review"],
    ["approved and shared ones", "artefacts_in_review", ["shared", "approved"], "approved"],
    ["all shared: not moved back to approved", "artefacts_in_review", ["shared"], null],
    ["other statuses are not touched", "in_progress", ["approved"], null],
    ["shared cases are not touched", "shared", ["approved"], null],
  ] as [string, string, ArtefactStatus[], string | null][])("%s", (_name, status, artefacts, expected) => {
    expect(caseStatusFor(status, artefacts)).toBe(expected);
  });
});

describe("who reads the redacted form before release", () => {
  it.each([
    ["sirt", "support", "in_review", true],
    ["legal", "sirt", "in_review", true],
    ["support", "support", "in_review", true],
    ["csm", "support", "in_review", true],
    ["csm", "sirt", "in_review", false],
    ["csm", "sirt", "rejected", false],
    ["csm", "sirt", "approved", true],
    ["csm", "sirt", "shared", true],
    ["support", "sirt", "in_review", false],
    ["support", "sirt", "approved", true],
    ["admin", "support", "shared", false],
  ] as [Role, "sirt" | "support", ArtefactStatus, boolean][])("%s on a %s case, artefact %s: %s", (role, team, status, expected) => {
    expect(canReadRedacted(role, team, status)).toBe(expected);
  });
});

describe("file names", () => {
  it.each([
    ["export 2026-11-10T10:00.ndjson", "ndjson", "export 2026-11-10T10_00.redacted.ndjson"],
    ["acme@prod.log.gz", "text", "acme_prod.redacted.log"],
    ["dir/sub\\x.log", "text", "dir_sub_x.redacted.log"],
    [`${"a".repeat(300)}.log`, "text", `${"a".repeat(150)}.redacted.log`],
  ] as [string, "ndjson" | "text", string][])("the release name of %s is %s", (name, format, expected) => {
    expect(releaseFilename(name, format)).toBe(expected);
  });

  it.each([
    ["extract.ndjson", "ndjson", "extract.redacted.ndjson"],
    ["extract.ndjson.gz", "ndjson", "extract.redacted.ndjson"],
    ["app.log", "text", "app.redacted.log"],
    ["app.log.GZ", "text", "app.redacted.log"],
    ["dump", "text", "dump.redacted.log"],
    [".gz", "text", "artefact.redacted.log"],
  ] as [string, "ndjson" | "text", string][])("%s (%s) -> %s", (name, format, expected) => {
    expect(redactedFilename(name, format)).toBe(expected);
  });

  it.each([
    ["../../etc/passwd", ".._.._etc_passwd".replace(/^\.+/, "")],
    ["a\"b;c.log", "a_b_c.log"],
    ["...", "artefact"],
    ["report (1).log", "report (1).log"],
  ])("makes %s safe", (name, expected) => {
    expect(safeFilename(name)).toBe(expected);
  });
});

describe("the upload's file name", () => {
  it.each([
    ["extract.ndjson", "extract.ndjson"],
    ["C:\\Users\\sam\\extract.ndjson", "extract.ndjson"],
    ["../../etc/passwd", "passwd"],
    ["  spaced.log  ", "spaced.log"],
  ])("%s is kept as %s", (filename, expected) => {
    const parsed = ZUploadArtefact.parse({ caseId: "00000000-0000-4000-8000-000000000000", filename });
    expect(parsed.filename).toBe(expected);
  });

  it.each(["", "dir/", "   "])("%j is refused", (filename) => {
    expect(ZUploadArtefact.safeParse({ caseId: "00000000-0000-4000-8000-000000000000", filename }).success).toBe(false);
  });
});
