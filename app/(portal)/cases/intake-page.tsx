import { IntakeForm, type IntakeDraft, type IntakeFormProps } from "@/components/cases/intake-form";
import { changeScopeAction, loadIntakeAccountAction, saveDraftAction, submitCaseAction } from "./actions";
import type { Policy } from "@/lib/workflow";

type Props = {
  mode: "draft" | "scope";
  caseId?: string;
  version?: number;
  requestedAt?: string | null;
  initial: IntakeDraft;
  startsDirty?: boolean;
  accounts: IntakeFormProps["accounts"];
  chosenAccount?: IntakeFormProps["chosenAccount"];
  account?: IntakeFormProps["account"];
  cataloguedEventTypes: string[];
  policy: Partial<Policy>;
};

const actions = { loadAccount: loadIntakeAccountAction, saveDraft: saveDraftAction, submit: submitCaseAction, changeScope: changeScopeAction };

/** The information_request template wired to its server actions (here in app/: components/ never import app/). */
export function IntakePage(props: Props) {
  return <IntakeForm {...props} actions={actions} />;
}
