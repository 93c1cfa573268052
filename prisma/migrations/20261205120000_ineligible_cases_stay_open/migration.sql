-- An ineligible case is open until someone closes it as refused (issue 13, decision 0012).
-- Before that change an ineligible evaluation, or Legal's refusal of an exception, stamped
-- closedAt and closeReason on a case that stayed ineligible. Those stamps now mean "closed", so
-- they are cleared on cases that are not closed, and the reason kept in the timeline stays there.
UPDATE "Case" SET "closedAt" = NULL, "closeReason" = NULL
WHERE status <> 'closed' AND ("closedAt" IS NOT NULL OR "closeReason" IS NOT NULL);
