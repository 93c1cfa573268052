import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { fieldErrorsOf } from "@/lib/action-errors";
import { actorOf, recordActivity } from "@/lib/audit";
import type { SessionUser } from "@/lib/auth/session";
import { nextUpdateDue } from "@/lib/cadence";
import type { Tx } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { factsFromAccount } from "@/lib/evaluation/facts";
import { loadPolicyOverride } from "@/lib/evaluation/policy";
import { queueNotification } from "@/lib/outbox";
import { evaluateRequest, findUnowned, routingReasons, type Decision, type ResourceRef } from "@/lib/workflow";
import { teamCalendar } from "./calendar";
import { updateCaseAtVersion } from "./concurrency";
import { isOnlyTooBroad, needsSubpoenaReferral, statusAfterEvaluation } from "./decision-rules";
import { assertStatusChange, type CaseStatus } from "./lifecycle";
import { notifyRole } from "./notify";
import { searchTextOf } from "./rules";
import { ZCaseComplete } from "./schemas";
import { now as clockNow } from "@/lib/clock";

/**
 * Step 5 and the conditions: the evaluation every submit, resubmit, scope change, granted
 * exception and accepted cost notice runs (docs/decisions/0004), and what its outcome does to
 * the case.
 */

/** The case as the evaluation reads it: every column, and the account's facts. */
export const CASE_FOR_EVALUATION = {
  include: { account: { include: { resources: { select: { kind: true, path: true } }, managers: { select: { userId: true } } } } },
} as const satisfies Omit<Prisma.CaseFindFirstArgs, "where">;
export type CaseForEvaluation = Prisma.CaseGetPayload<typeof CASE_FOR_EVALUATION>;

/** The stored template, complete enough to evaluate, or the missing fields as field errors. */
function completeScope(c: CaseForEvaluation) {
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
export async function evaluateAndApply(tx: Tx, user: SessionUser, c: CaseForEvaluation, version: number, reason: string): Promise<EvaluationOutcome> {
  const scope = completeScope(c);
  const now = clockNow();
  const requestedAt = c.requestedAt ?? now; // the first submit's server time, never moved
  const policy = await loadPolicyOverride(tx);
  if (await hasValidPlanException(tx, c.id, now)) policy.waived = ["plan"];
  const facts = factsFromAccount(c.account, { resources: scope.resources as ResourceRef[], eventTypes: scope.eventTypes, logSources: scope.logSources, window: { from: scope.windowFrom, to: scope.windowTo }, personalData: scope.personalData }, requestedAt);
  const decision = evaluateRequest(facts, policy);

  const costAccepted = decision.outcome === "rescope" && isOnlyTooBroad(decision, facts) &&
    (await tx.costNotice.count({ where: { caseId: c.id, customerAcceptedAt: { not: null } } })) > 0;
  const team = costAccepted ? "sirt" : decision.route;
  const from = c.status as CaseStatus;
  const status = statusAfterEvaluation(from, decision.outcome, costAccepted);
  assertStatusChange(from, status, user.role);

  const reference = c.reference ?? (await nextReference(tx, requestedAt));
  const eligible = status === "accepted" || status === "in_progress";
  const acceptedAt = eligible ? (c.acceptedAt ?? now) : null;
  const due = eligible && team ? (c.lastRelayAt && c.nextUpdateDue ? c.nextUpdateDue : nextUpdateDue(c.lastRelayAt ?? acceptedAt!, await teamCalendar(tx, team))) : null;
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
    // An ineligible case stays open (step 4 may follow, or a referral): it is closed, as refused,
    // by a person with a note (close-case.ts); its reasons are the decision's failing checks.
    // An evaluation answers SIRT's "needs re-scope": its reason no longer stands.
    rescopeReason: null,
    rescopeAt: null,
    rescopeById: null,
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
        body: `A log request for ${c.account.name} is in SIRT's triage queue.\nReference: ${reference}\nWhy SIRT: ${costAccepted ? "the customer accepted the cost of a broad scope" : routingReasons(facts, policy).join("; ")}.\nThe customer is not on this case; all contact goes through Support or the CSM.`,
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
