import "server-only";
import { recordActivity, type Actor } from "@/lib/audit";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { evaluateRequest, type Decision, type RequestFacts } from "@/lib/workflow";
import { factsFromAccount } from "./facts";
import { loadPolicyOverride } from "./policy";
import type { TEvaluateRequestInput } from "./schemas";
import { now } from "@/lib/clock";

/**
 * The facts as answered: what the caller sent, the request time and the account's plan facts,
 * never what the account owns (issue 12, finding 10: the answer listed every resource and user).
 * The ownership check still names, in its detail, which of the caller's resources it does not own.
 */
export type AnsweredFacts = Omit<RequestFacts, "account"> & { account: Omit<RequestFacts["account"], "owned"> };

export interface Evaluation {
  decision: Decision;
  facts: AnsweredFacts;
}

/**
 * What the eligibility rules would decide if `input.account` asked for this scope now: the
 * helpdesk's what-if (POST /api/v1/evaluate). The request time is always the server's clock,
 * never the caller's, so nobody can move a window inside the 1-month limit by backdating; a case
 * fixes its own `requestedAt` at first submit instead. Nothing is stored but the activity-log
 * entry `api.evaluate`, written in the transaction that read the account and the policy.
 */
export async function evaluateForAccount(actor: Actor, input: TEvaluateRequestInput): Promise<Evaluation> {
  return db().$transaction(async (tx) => {
    const account = await tx.account.findUnique({
      where: { slug: input.account },
      select: {
        id: true,
        plan: true,
        deployment: true,
        paying: true,
        supportPlan: true,
        resources: { select: { kind: true, path: true }, orderBy: [{ kind: "asc" }, { pathLower: "asc" }] },
      },
    });
    if (!account) {
      throw new AppError("NOT_FOUND", `Unknown account "${input.account}".`, { account: ["No customer account has this slug."] });
    }
    const policy = await loadPolicyOverride(tx);
    const facts = factsFromAccount(account, input, now());
    const decision = evaluateRequest(facts, policy);
    await recordActivity(tx, {
      actor,
      action: "api.evaluate",
      entityType: "Account",
      entityId: account.id,
      meta: {
        requestedAt: facts.requestedAt,
        window: facts.window,
        resources: facts.resources.length,
        eventTypes: facts.eventTypes.length,
        logSources: facts.logSources,
        personalData: facts.personalData,
      },
      after: { outcome: decision.outcome, route: decision.route, extended: decision.extended, policyVersion: decision.policyVersion },
    });
    const { owned: _owned, ...plan } = facts.account;
    return { decision, facts: { ...facts, account: plan } };
  });
}
