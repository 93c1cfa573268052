import type { ActionResult } from "@/lib/action";

/** A server action as the case page's cards receive it (from app/, as a prop). */
export type CaseAction = (input: unknown) => Promise<ActionResult<unknown>>;

/** A time on the case page: minutes, UTC. */
export const utc = (d: Date | null | undefined) => (d ? `${d.toISOString().slice(0, 16).replace("T", " ")} UTC` : "—");

/** The frame of the case page's small cards: a titled section, with a tone for warnings and Legal's cards. */
export function CaseCard({ title, children, tone = "default", testId }: { title: string; children: React.ReactNode; tone?: "default" | "warn" | "legal"; testId?: string }) {
  const border = { default: "border-slate-200", warn: "border-amber-300", legal: "border-purple-300" }[tone];
  return (
    <section className={`rounded-lg border ${border} bg-white p-4`} data-testid={testId}>
      <h2 className="text-sm font-semibold text-slate-900">{title}</h2>
      <div className="mt-2 text-sm text-slate-700">{children}</div>
    </section>
  );
}
