// The crash test's checks (scripts/crash/checks.ts) can fail: a lost acknowledged write, a blob
// that is missing or hashes to something else, a mail, issue or redaction written twice, a job
// still held by a dead worker.
import { describe, expect, it } from "vitest";
import { strandedArtefacts, brokenBlobs, duplicateMessageIds, duplicates, leftTempFiles, mailRedeliveries, lostWrites, stuckJobs, type Ack, type Found } from "@/scripts/crash/checks";

const HEX_A = "a".repeat(64);
const HEX_B = "b".repeat(64);

const found = (over: Partial<Found> = {}): Found => ({
  cases: new Map([["c1", "new"], ["c2", "draft"]]),
  verifications: new Set(["c1:identity"]),
  entries: new Set(["e1"]),
  artefacts: new Map([["a1", { rawSha256: HEX_A }]]),
  approvals: new Set(["a1:security"]),
  gaps: new Set(["c1"]),
  relays: new Set(["r1"]),
  ...over,
});

describe("lostWrites: every acknowledged write must be in the database as acknowledged", () => {
  it("finds nothing lost when everything is there", () => {
    const acks: Ack[] = [
      { kind: "draft", id: "c2" },
      { kind: "submit", id: "c1", detail: "new" },
      { kind: "verification", id: "c1:identity" },
      { kind: "entry", id: "e1" },
      { kind: "artefact", id: "a1", detail: HEX_A },
      { kind: "approval", id: "a1:security" },
      { kind: "gap", id: "c1" },
      { kind: "relay", id: "r1" },
    ];
    expect(lostWrites(acks, found())).toEqual([]);
  });

  it.each<[string, Ack, RegExp]>([
    ["a missing entry", { kind: "entry", id: "e2" }, /timeline entry is gone/],
    ["a missing case", { kind: "draft", id: "c9" }, /draft is gone/],
    ["a submission rolled back to a draft", { kind: "submit", id: "c2" }, /draft again/],
    ["a missing tick", { kind: "verification", id: "c1:plan" }, /tick is gone/],
    ["a missing artefact", { kind: "artefact", id: "a2", detail: HEX_A }, /artefact is gone/],
    ["an artefact with another SHA-256", { kind: "artefact", id: "a1", detail: HEX_B }, /SHA-256 is a+, the client sent b+/],
    ["a missing approval", { kind: "approval", id: "a1:legal" }, /approval is gone/],
    ["a missing gap record", { kind: "gap", id: "c2" }, /gap record is gone/],
    ["a missing relay", { kind: "relay", id: "r2" }, /relay is gone/],
  ])("flags %s", (_label, ack, why) => {
    const lost = lostWrites([ack], found());
    expect(lost).toHaveLength(1);
    expect(lost[0]!.ack).toEqual(ack);
    expect(lost[0]!.why).toMatch(why);
  });
});

describe("brokenBlobs: no artefact is believed whose blob is missing or whose SHA-256 differs", () => {
  it("passes a blob whose bytes hash to its key", () => {
    expect(brokenBlobs([{ artefactId: "a1", field: "rawBlobKey", key: `sha256:${HEX_A}`, stated: HEX_A, actual: HEX_A }])).toEqual([]);
  });
  it("flags a missing file, bytes with a wrong hash, and a row stating another hash", () => {
    const out = brokenBlobs([
      { artefactId: "a1", field: "rawBlobKey", key: `sha256:${HEX_A}`, stated: HEX_A, actual: null },
      { artefactId: "a2", field: "redactedBlobKey", key: `sha256:${HEX_A}`, stated: HEX_A, actual: HEX_B },
      { artefactId: "a3", field: "rawBlobKey", key: `sha256:${HEX_A}`, stated: HEX_B, actual: HEX_A },
    ]);
    expect(out).toHaveLength(3);
    expect(out[0]).toMatch(/a1: rawBlobKey .* has no file/);
    expect(out[1]).toMatch(/a2: redactedBlobKey .* holds bytes hashing to b+/);
    expect(out[2]).toMatch(/a3: .* the row states SHA-256 b+/);
  });
});

describe("duplicates", () => {
  it("finds a Message-ID delivered twice (headers only, any case)", () => {
    const mail = (id: string) => `From: a@b\r\nMessage-ID: ${id}\r\nSubject: x\r\n\r\nMessage-ID: <in-the-body@x>\r\n`;
    expect(duplicateMessageIds([mail("<1@logdesk>"), mail("<2@logdesk>"), mail("<1@logdesk>").replace("Message-ID", "message-id")])).toEqual([{ messageId: "<1@logdesk>", times: 2 }]);
    expect(duplicateMessageIds([mail("<1@logdesk>"), mail("<2@logdesk>")])).toEqual([]);
  });
  it("tells a redelivery across a kill (the SMTP window) from a double send within one life of the server", () => {
    const mail = (id: string, at: number) => ({ raw: `Message-ID: ${id}\r\n\r\nbody`, at });
    const receipts = [mail("<1@logdesk>", 100), mail("<1@logdesk>", 300), mail("<2@logdesk>", 400), mail("<2@logdesk>", 450), mail("<3@logdesk>", 500)];
    expect(mailRedeliveries(receipts, [200])).toEqual({ acrossKill: ["<1@logdesk>"], withinOneLife: ["<2@logdesk>"] });
    expect(mailRedeliveries(receipts, [])).toEqual({ acrossKill: [], withinOneLife: ["<1@logdesk>", "<2@logdesk>"] });
  });

  it("finds an issue title or a redaction result written twice", () => {
    expect(duplicates(["IR-1 gap", "IR-2 gap", "IR-1 gap"])).toEqual([{ value: "IR-1 gap", times: 2 }]);
    expect(duplicates(["a1 revision 1", "a1 revision 2"])).toEqual([]);
  });
});

describe("stuckJobs: no job held by a worker of an earlier life", () => {
  it("allows the killed server's own jobs, flags an older worker's", () => {
    const jobs = [
      { id: "j1", kind: "outbox.deliver", status: "running", lockedBy: "h:200" },
      { id: "j2", kind: "artefact.redact", status: "running", lockedBy: "h:100" },
      { id: "j3", kind: "outbox.deliver", status: "queued", lockedBy: null },
    ];
    expect(stuckJobs(jobs, "h:200")).toEqual(["job j2 (artefact.redact) is still held by h:100"]);
    expect(stuckJobs(jobs, null)).toHaveLength(2);
  });
});

describe("leftTempFiles: no temp file of a killed server is left once the new one answers", () => {
  it("flags another process's temp files and old-style names, not the running server's own", () => {
    const names = [`${"a".repeat(32)}~200~vm.part`, `${"b".repeat(32)}~100~vm.part`, `${"c".repeat(32)}.part`, "notes.txt"];
    expect(leftTempFiles(names, 200)).toEqual([`${"b".repeat(32)}~100~vm.part`, `${"c".repeat(32)}.part`]);
  });
});

describe("strandedArtefacts: no artefact is left processing with no redaction to come", () => {
  it("flags a processing artefact whose job failed or is gone, not one whose job is queued or running", () => {
    const artefacts = [
      { id: "a1", status: "processing", revision: 1 },
      { id: "a2", status: "processing", revision: 2 },
      { id: "a3", status: "processing", revision: 1 },
      { id: "a4", status: "in_review", revision: 1 },
    ];
    const jobs = new Map([
      ["artefact.redact:a1:1", "running"],
      ["artefact.redact:a2:1", "done"],
      ["artefact.redact:a3:1", "failed"],
    ]);
    expect(strandedArtefacts(artefacts, jobs)).toEqual([
      "artefact a2 is processing revision 2, but its redaction job is gone",
      "artefact a3 is processing revision 1, but its redaction job is failed",
    ]);
  });
});
