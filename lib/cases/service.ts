import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { actorOf, recordActivity } from "@/lib/audit";
import type { SessionUser } from "@/lib/auth/session";
import { nextUpdateDue } from "@/lib/cadence";
import { db, type Tx } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError, conflict, notFound } from "@/lib/errors";
import { factsFromAccount } from "@/lib/evaluation/facts";
import { loadPolicyOverride } from "@/lib/evaluation/policy";
import { queueNotification } from "@/lib/outbox";
import { evaluateRequest, findUnowned, type Decision, type ResourceRef } from "@/lib/workflow";
import { teamCalendar } from "./calendar";
import { isExceptionPossible, isOnlyTooBroad, needsSubpoenaReferral } from "./decision-rules";
import { STALE_CASE, updateCaseAtVersion } from "./concurrency";
import { assertTransition, type CaseStatus } from "./lifecycle";
import { ZCaseComplete, type TCaseDraftInput, type VerificationItem } from "./schemas";
import { visibleCasesWhere } from "./visibility";
import { fieldErrorsOf } from "@/lib/action-errors";



/** The case as a service needs it, re-read inside the transaction, scoped to what the user may see. */
async function loadCase(tx: Tx, user: SessionUser, id: string) {
  const found = await tx.case.findFirst({
    where: { AND: [{ id }, visibleCasesWhere(user)] },
    include: { account: { include: { resources: { select: { kind: true, path: true } }, managers: { select: { userId: true } } } } },
  });
  if (!found) throw notFound("That case");
  return found;
}
type LoadedCase = Awaited<ReturnType<typeof loadCase>>;


function transition(from: CaseStatus, to: CaseStatus, user: SessionUser) {
  if (from !== to) assertTransition(from, to, user.role); // staying put (a re-evaluation that changes nothing) is no transition
}

/** What the list's text search matches: reference, summary, requester and account name, lower-cased. */
export function searchTextOf(c: { reference?: string | null; summary: string; requesterName: string; requesterEmail: string; accountName: string }) {
  return [c.reference ?? "", c.accountName, c.requesterName, c.requesterEmail, c.summary].join("\n").toLowerCase().slice(0, 20_000);
}

const draftData = (d: TCaseDraftInput) => ({
  requesterName: d.requesterName,
  requesterEmail: d.requesterEmail,
  summary: d.summary,
  resources: d.resources as unknown as Prisma.InputJsonValue,
  eventTypes: d.eventTypes,
  logSources: d.logSources,
  windowFrom: d.windowFrom,
  windowTo: d.windowTo,
  personalData: d.personalData,
});

/** A CSM opens cases only for the accounts they manage; an unknown account is a field error. */
async function assertAccountUsable(tx: Tx, user: SessionUser, accountId: string) {
  const account = await tx.account.findUnique({ where: { id: accountId }, select: { id: true, name: true, managers: { select: { userId: true } } } });
  if (!account) throw new AppError("VALIDATION", "Choose a customer account.", { accountId: ["That customer account does not exist."] });
  if (user.role === "csm" && !account.managers.some((m) => m.userId === user.id)) {
    throw new AppError("VALIDATION", "Choose an account you manage.", { accountId: ["You can open cases only for the accounts you manage."] });
  }
  return account;
}

export interface SavedDraft {
  id: string;
  version: number;
  savedAt: Date;
}

/** Creates the draft on the first save, then saves it as the author types (drafts are the author's alone). */
export async function saveDraft(user: SessionUser, input: { id?: string; version?: number; draft: TCaseDraftInput }): Promise<SavedDraft> {
  return db().$transaction(async (tx) => {
    const account = input.draft.accountId ? await assertAccountUsable(tx, user, input.draft.accountId) : null;
    const searchText = searchTextOf({ ...input.draft, accountName: account?.name ?? "" });
    if (!input.id) {
      if (!input.draft.accountId) throw new AppError("VALIDATION", "Choose a customer account first.", { accountId: ["Choose a customer account first."] });
      const created = await tx.case.create({
        data: { ...draftData(input.draft), searchText, accountId: input.draft.accountId, authorId: user.id, status: "draft" },
        select: { id: true, version: true, updatedAt: true },
      });
      await recordActivity(tx, { actor: actorOf(user), action: "case.createDraft", entityType: "Case", entityId: created.id, caseId: created.id });
      return { id: created.id, version: created.version, savedAt: created.updatedAt };
    }
    const c = await tx.case.findFirst({ where: { id: input.id, authorId: user.id }, select: { id: true, status: true, version: true } });
    if (!c) throw notFound("That draft");
    if (c.status !== "draft") throw new AppError("INVALID_STATE", "This case has been submitted; its scope is changed from the case page.");
    const version = await updateCaseAtVersion(tx, c.id, input.version ?? -1, {
      ...draftData(input.draft),
      ...(input.draft.accountId ? { accountId: input.draft.accountId, searchText } : {}),
    });
    await recordActivity(tx, { actor: actorOf(user), action: "case.saveDraft", entityType: "Case", entityId: c.id, caseId: c.id });
    return { id: c.id, version, savedAt: new Date() };
  });
}

export async function discardDraft(user: SessionUser, id: string) {
  await db().$transaction(async (tx) => {
    const c = await tx.case.findFirst({ where: { id, authorId: user.id, status: "draft" }, select: { id: true } });
    if (!c) throw notFound("That draft");
    await tx.case.delete({ where: { id } });
    await recordActivity(tx, { actor: actorOf(user), action: "case.discardDraft", entityType: "Case", entityId: id });
  });
}

/** The stored template, complete enough to evaluate, or the missing fields as field errors. */
function completeScope(c: LoadedCase) {
  const parsed = ZCaseComplete.safeParse({
    accountId: c.accountId,
    requesterName: c.requesterName,
    requesterEmail: c.requesterEmail,
    summary: c.summary,
    resources: c.resources,
    eventTypes: c.eventTypes,
    logSources: c.logSources,
    windowFrom: c.windowFrom,
    windowTo: c.windowTo,
    personalData: c.personalData,
  });
  if (!parsed.success) throw new AppError("VALIDATION", "Some fields of the template still need an answer.", fieldErrorsOf(parsed.error));
  return parsed.data;
}

async function nextReference(tx: Tx, at: Date): Promise<string> {
  const year = at.getUTCFullYear();
  const rows = await tx.$queryRaw<{ last: number }[]>`
    INSERT INTO "ReferenceCounter" (year, last) VALUES (${year}, 1)
    ON CONFLICT (year) DO UPDATE SET last = "ReferenceCounter".last + 1
    RETURNING last`;
  return `IR-${year}-${String(rows[0]!.last).padStart(4, "0")}`;
}

async function hasValidPlanException(tx: Tx, caseId: string, at: Date) {
  return (await tx.legalException.count({ where: { caseId, check: "plan", status: "granted", expiresAt: { gt: at } } })) > 0;
}

export interface EvaluationOutcome {
  reference: string;
  status: CaseStatus;
  decision: Decision;
}

/**
 * Evaluates the case's stored scope with lib/workflow and applies the
 * outcome: status, team, reference, update clock, decision history, subpoena
 * referral, SIRT tag. Runs inside the caller's transaction; the case must
 * still be at `version`.
 */
async function evaluateAndApply(tx: Tx, user: SessionUser, c: LoadedCase, version: number, reason: string): Promise<EvaluationOutcome> {
  const scope = completeScope(c);
  const now = new Date();
  const requestedAt = c.requestedAt ?? now; // the first submit's server time, never moved
  const policy = await loadPolicyOverride(tx);
  if (await hasValidPlanException(tx, c.id, now)) policy.waived = ["plan"];
  const facts = factsFromAccount(c.account, { resources: scope.resources as ResourceRef[], eventTypes: scope.eventTypes, logSources: scope.logSources, window: { from: scope.windowFrom, to: scope.windowTo }, personalData: scope.personalData }, requestedAt);
  const decision = evaluateRequest(facts, policy);

  let status: CaseStatus = decision.outcome === "eligible" ? "accepted" : decision.outcome;
  let team = decision.route;
  const costAccepted = decision.outcome === "rescope" && isOnlyTooBroad(decision, facts) &&
    (await tx.costNotice.count({ where: { caseId: c.id, customerAcceptedAt: { not: null } } })) > 0;
  if (costAccepted) {
    status = "accepted";
    team = "sirt";
  }
  const from = c.status as CaseStatus;
  const keepWorking = from === "in_progress" && status === "accepted";
  if (keepWorking) status = "in_progress";
  transition(from, status, user);

  const reference = c.reference ?? (await nextReference(tx, requestedAt));
  const eligible = status === "accepted" || status === "in_progress";
  const acceptedAt = eligible ? (c.acceptedAt ?? now) : null;
  const due = eligible && team ? (c.lastRelayAt && c.nextUpdateDue ? c.nextUpdateDue : nextUpdateDue(c.lastRelayAt ?? acceptedAt!, await teamCalendar(tx, team))) : null;
  const failing = decision.checks.filter((ch) => ch.result === "fail");

  await updateCaseAtVersion(tx, c.id, version, {
    status,
    team,
    reference,
    searchText: searchTextOf({ ...c, reference, accountName: c.account.name }),
    requestedAt,
    outcome: decision.outcome,
    extended: decision.extended,
    acceptedAt,
    nextUpdateDue: due,
    closedAt: status === "ineligible" ? now : null,
    closeReason: status === "ineligible" ? failing.map((f) => f.message).join("\n") : null,
  });
  await tx.caseDecision.create({
    data: {
      caseId: c.id,
      outcome: decision.outcome,
      route: decision.route,
      extended: decision.extended,
      checks: decision.checks as unknown as Prisma.InputJsonValue,
      policyVersion: decision.policyVersion,
      policy: policy as unknown as Prisma.InputJsonValue,
      facts: JSON.parse(JSON.stringify(facts)) as Prisma.InputJsonValue,
      reason: costAccepted ? `${reason} (cost accepted: routed to SIRT)` : reason,
      evaluatedById: user.id,
    },
  });

  if (needsSubpoenaReferral(decision) && (await tx.subpoenaReferral.count({ where: { caseId: c.id, status: "open" } })) === 0) {
    const unowned = findUnowned(facts.resources, facts.account.owned);
    await tx.subpoenaReferral.create({ data: { caseId: c.id, resources: unowned as unknown as Prisma.InputJsonValue } });
    await notifyRole(tx, "legal", c.id, `${reference}: subpoena referral`, `${reference} names resources the customer (${c.account.name}) does not own: ${unowned.map((r) => r.path).join(", ")}.\nA legal subpoena is required; the customer has been referred to Legal. Record what was done in Logdesk's Legal queue.`);
  }
  if (eligible && team === "sirt" && c.team !== "sirt") {
    // Tag SIRT: its team address when configured, otherwise every active SIRT member.
    const teamAddress = env().SIRT_TEAM_EMAIL;
    const to = teamAddress ? [teamAddress] : (await tx.user.findMany({ where: { role: "sirt", active: true }, select: { email: true } })).map((u) => u.email);
    for (const address of to) {
      await queueNotification(tx, {
        kind: "sirt.tagged",
        to: address,
        caseId: c.id,
        subject: `${reference} routed to SIRT${decision.extended ? " (extended window)" : ""}`,
        body: `A log request for ${c.account.name} is in SIRT's triage queue.\nReference: ${reference}\nWhy SIRT: ${costAccepted ? "the customer accepted the cost of a broad scope" : sirtReasons(decision, facts.resources.length, scope.personalData)}.\nThe customer is not on this case; all contact goes through Support or the CSM.`,
      });
    }
  }
  await recordActivity(tx, {
    actor: actorOf(user),
    action: reason === "submit" ? "case.submit" : "case.evaluate",
    entityType: "Case",
    entityId: c.id,
    caseId: c.id,
    before: { status: c.status, team: c.team },
    after: { status, team, outcome: decision.outcome, policyVersion: decision.policyVersion, reason },
  });
  return { reference, status, decision };
}

function sirtReasons(decision: Decision, resources: number, personalData: boolean) {
  const why: string[] = [];
  if (decision.extended) why.push("the window reaches back more than 7 days");
  if (personalData) why.push("the answer would disclose personal data");
  if (resources > 5) why.push(`${resources} resources`);
  return why.join("; ") || "complex request";
}

async function notifyRole(tx: Tx, role: "legal" | "sirt", caseId: string, subject: string, body: string) {
  const people = await tx.user.findMany({ where: { role, active: true }, select: { email: true } });
  for (const p of people) await queueNotification(tx, { kind: `${role}.notice`, to: p.email, caseId, subject, body });
}

/** Submits a draft (or resubmits a case sent back for re-scope): evaluate, store the decision, route. */
export async function submitCase(user: SessionUser, input: { id: string; version: number }): Promise<EvaluationOutcome> {
  return db().$transaction(async (tx) => {
    const c = await loadCase(tx, user, input.id);
    if (c.version !== input.version) throw conflict(c.status === "draft" ? STALE_CASE : "This case has already been submitted. Reload to see its decision.");
    if (c.status !== "draft" && c.status !== "rescope") throw new AppError("INVALID_STATE", "This case has already been submitted.");
    await assertAccountUsable(tx, user, c.accountId);
    return evaluateAndApply(tx, user, c, input.version, c.status === "draft" ? "submit" : "resubmit");
  });
}

/** A change of scope after submission re-evaluates against the same requestedAt. */
export async function changeScope(user: SessionUser, input: { id: string; version: number; draft: TCaseDraftInput }): Promise<EvaluationOutcome> {
  return db().$transaction(async (tx) => {
    const c = await loadCase(tx, user, input.id);
    if (!["rescope", "accepted", "in_progress"].includes(c.status)) {
      throw new AppError("INVALID_STATE", `The scope of a case that is ${c.status.replace(/_/g, " ")} cannot be changed.`);
    }
    if (c.version !== input.version) throw conflict(STALE_CASE);
    const { accountId: _ignored, ...scope } = input.draft;
    const version = await updateCaseAtVersion(tx, c.id, input.version, draftData({ ...scope, accountId: c.accountId }));
    const reloaded = await loadCase(tx, user, c.id);
    return evaluateAndApply(tx, user, reloaded, version, c.status === "rescope" ? "resubmit" : "scope-change");
  });
}

/** Step 4: ask Legal for an exception to the plan check (the only check an exception can lift). */
export async function requestException(user: SessionUser, input: { id: string; version: number; reason: string }) {
  return db().$transaction(async (tx) => {
    const c = await loadCase(tx, user, input.id);
    const latest = await tx.caseDecision.findFirst({ where: { caseId: c.id }, orderBy: { evaluatedAt: "desc" } });
    if (c.status !== "ineligible" || !latest || !isExceptionPossible({ outcome: latest.outcome, checks: latest.checks as Decision["checks"] })) {
      throw new AppError("INVALID_STATE", "An exception can be asked only when the plan check is the one condition that failed. The window, ownership and deployment conditions are hard limits.");
    }
    transition("ineligible", "legal_review", user);
    await updateCaseAtVersion(tx, c.id, input.version, { status: "legal_review", closedAt: null });
    const ex = await tx.legalException.create({ data: { caseId: c.id, reason: input.reason, requestedById: user.id }, select: { id: true } });
    await recordActivity(tx, { actor: actorOf(user), action: "exception.request", entityType: "LegalException", entityId: ex.id, caseId: c.id, after: { reason: input.reason } });
    await notifyRole(tx, "legal", c.id, `${c.reference}: plan exception requested`, `${user.name} asks for an exception to the plan check for ${c.account.name} (${c.account.plan}).\nReason: ${input.reason}\nDecide in Logdesk's Legal queue.`);
    return { exceptionId: ex.id };
  });
}

/** Legal grants (with a rationale and an expiry) or refuses; a grant re-evaluates with the plan check waived. */
export async function decideException(user: SessionUser, input: { exceptionId: string; grant: boolean; rationale: string; expiresAt: Date | null }) {
  return db().$transaction(async (tx) => {
    const ex = await tx.legalException.findUnique({ where: { id: input.exceptionId }, select: { id: true, caseId: true, status: true, requestedById: true } });
    if (!ex) throw notFound("That exception request");
    const c = await loadCase(tx, user, ex.caseId);
    if (ex.status !== "requested" || c.status !== "legal_review") throw new AppError("INVALID_STATE", "This exception has already been decided.");
    await tx.legalException.update({
      where: { id: ex.id },
      data: { status: input.grant ? "granted" : "refused", rationale: input.rationale, expiresAt: input.grant ? input.expiresAt : null, decidedById: user.id, decidedAt: new Date() },
    });
    await recordActivity(tx, { actor: actorOf(user), action: input.grant ? "exception.grant" : "exception.refuse", entityType: "LegalException", entityId: ex.id, caseId: c.id, after: { rationale: input.rationale, expiresAt: input.expiresAt } });
    const requester = await tx.user.findUnique({ where: { id: ex.requestedById }, select: { email: true } });
    let outcome: EvaluationOutcome | null = null;
    if (input.grant) {
      outcome = await evaluateAndApply(tx, user, c, c.version, "exception-granted");
    } else {
      transition("legal_review", "ineligible", user);
      await updateCaseAtVersion(tx, c.id, c.version, { status: "ineligible", closedAt: new Date(), closeReason: `Legal refused the plan exception: ${input.rationale}` });
    }
    if (requester) {
      await queueNotification(tx, {
        kind: "exception.decided",
        to: requester.email,
        caseId: c.id,
        subject: `${c.reference}: plan exception ${input.grant ? "granted" : "refused"}`,
        body: input.grant
          ? `Legal granted the exception until ${input.expiresAt?.toISOString().slice(0, 10)}. The case was evaluated again: ${outcome?.status.replace(/_/g, " ")}.\nRationale: ${input.rationale}`
          : `Legal refused the exception; the case is closed as ineligible.\nRationale: ${input.rationale}`,
      });
    }
    return { status: outcome?.status ?? "ineligible" };
  });
}

/** A scope that is only too broad: record the cost estimate given to the customer. */
export async function recordCostNotice(user: SessionUser, input: { id: string; version: number; estimate: string }) {
  return db().$transaction(async (tx) => {
    const c = await loadCase(tx, user, input.id);
    const latest = await tx.caseDecision.findFirst({ where: { caseId: c.id }, orderBy: { evaluatedAt: "desc" } });
    const facts = latest?.facts as { resources: unknown[]; eventTypes: unknown[] } | undefined;
    if (c.status !== "rescope" || !latest || !facts || !isOnlyTooBroad({ outcome: latest.outcome, checks: latest.checks as Decision["checks"] }, facts as never)) {
      throw new AppError("INVALID_STATE", "A cost notice applies only when the scope is too broad (too many resources or event types) and nothing else needs narrowing.");
    }
    await updateCaseAtVersion(tx, c.id, input.version, {});
    const notice = await tx.costNotice.create({ data: { caseId: c.id, estimate: input.estimate, recordedById: user.id }, select: { id: true } });
    await recordActivity(tx, { actor: actorOf(user), action: "costNotice.record", entityType: "CostNotice", entityId: notice.id, caseId: c.id, after: { estimate: input.estimate } });
    return { noticeId: notice.id };
  });
}

/** The customer accepted the cost: the case proceeds, routed to SIRT. */
export async function acceptCostNotice(user: SessionUser, input: { id: string; version: number; noticeId: string; acceptedAt: Date; note: string }) {
  return db().$transaction(async (tx) => {
    const c = await loadCase(tx, user, input.id);
    const notice = await tx.costNotice.findFirst({ where: { id: input.noticeId, caseId: c.id } });
    if (!notice) throw notFound("That cost notice");
    if (notice.customerAcceptedAt) throw new AppError("INVALID_STATE", "The customer's acceptance is already recorded.");
    if (c.version !== input.version) throw conflict(STALE_CASE);
    await tx.costNotice.update({ where: { id: notice.id }, data: { customerAcceptedAt: input.acceptedAt, acceptanceNote: input.note || null } });
    await recordActivity(tx, { actor: actorOf(user), action: "costNotice.accept", entityType: "CostNotice", entityId: notice.id, caseId: c.id, after: { acceptedAt: input.acceptedAt } });
    return evaluateAndApply(tx, user, c, input.version, "cost-accepted");
  });
}

/** Legal records what was done about a subpoena referral. */
export async function recordReferralOutcome(user: SessionUser, input: { referralId: string; outcomeNote: string }) {
  await db().$transaction(async (tx) => {
    const ref = await tx.subpoenaReferral.findUnique({ where: { id: input.referralId }, select: { id: true, caseId: true, status: true } });
    if (!ref) throw notFound("That referral");
    await loadCase(tx, user, ref.caseId); // visibility
    if (ref.status !== "open") throw new AppError("INVALID_STATE", "This referral has already been handled.");
    await tx.subpoenaReferral.update({ where: { id: ref.id }, data: { status: "closed", outcomeNote: input.outcomeNote, handledById: user.id, handledAt: new Date() } });
    await recordActivity(tx, { actor: actorOf(user), action: "referral.close", entityType: "SubpoenaReferral", entityId: ref.id, caseId: ref.caseId, after: { outcomeNote: input.outcomeNote } });
  });
}

/** Step 5: tick or untick one verification item; who and when are kept. */
export async function setVerification(user: SessionUser, input: { id: string; item: VerificationItem; checked: boolean }) {
  await db().$transaction(async (tx) => {
    const c = await loadCase(tx, user, input.id);
    if (c.status === "closed") throw new AppError("INVALID_STATE", "This case is closed.");
    if (input.checked) {
      await tx.verificationTick.upsert({
        where: { caseId_item: { caseId: c.id, item: input.item } },
        create: { caseId: c.id, item: input.item, tickedById: user.id },
        update: {},
      });
    } else {
      await tx.verificationTick.deleteMany({ where: { caseId: c.id, item: input.item } });
    }
    await recordActivity(tx, { actor: actorOf(user), action: input.checked ? "verification.tick" : "verification.untick", entityType: "Case", entityId: c.id, caseId: c.id, meta: { item: input.item } });
  });
}
