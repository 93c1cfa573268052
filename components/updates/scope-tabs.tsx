import Link from "@/components/ui/app-link";

/** "Mine" / "Whole team" as links (the scope lives in the query string, so a tab is shareable). */
export function ScopeTabs({ scope, mineLabel }: { scope: "mine" | "team"; mineLabel: string }) {
  const tabs = [
    { scope: "mine", label: "Mine", title: mineLabel },
    { scope: "team", label: "Whole team", title: "Every open case you can see" },
  ] as const;
  return (
    <nav aria-label="Whose updates" className="mb-6 border-b border-slate-200">
      <ul className="-mb-px flex gap-4">
        {tabs.map((t) => {
          const active = t.scope === scope;
          return (
            <li key={t.scope}>
              <Link
                href={t.scope === "mine" ? "/updates" : "/updates?scope=team"}
                title={t.title}
                aria-current={active ? "page" : undefined}
                className={`inline-block border-b-2 px-1 pb-2 text-sm font-medium ${active ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-800"}`}
              >
                {t.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
