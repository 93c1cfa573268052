const TONES: Record<string, string> = {
  draft: "bg-slate-100 text-slate-700",
  submitted: "bg-blue-50 text-blue-700",
  rescope: "bg-amber-50 text-amber-800",
  ineligible: "bg-red-50 text-red-700",
  legal_review: "bg-purple-50 text-purple-700",
  accepted: "bg-emerald-50 text-emerald-700",
  in_progress: "bg-indigo-50 text-indigo-700",
  artefacts_in_review: "bg-purple-50 text-purple-700",
  approved: "bg-emerald-50 text-emerald-700",
  shared: "bg-emerald-100 text-emerald-800",
  closed: "bg-slate-200 text-slate-700",
};

/** A case's status; a closed case's says how it ended ("closed · refused"). */
export function StatusBadge({ status, resolution }: { status: string; resolution?: string | null }) {
  const text = status === "closed" && resolution ? `closed · ${resolution.replace(/_/g, " ")}` : status.replace(/_/g, " ");
  return <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ${TONES[status] ?? TONES.draft}`}>{text}</span>;
}
