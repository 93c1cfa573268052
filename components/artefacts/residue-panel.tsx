import Link from "@/components/ui/app-link";
import type { ReactNode } from "react";
import {
  RESIDUE_CATEGORY_LABEL,
  RESIDUE_REASON_LABEL,
  type ResidueCategory,
  type ResidueCategoryInventory,
  type ResidueInventory,
  type ResidueItem,
  type ResidueReason,
} from "@/lib/artefacts/residue-inventory";
import { RedactedLine } from "./redacted-line";

/** What the "Treat as internal" slot of an unknown-host row receives. */
export interface ResidueHostActionProps {
  host: string;
  artefactId: string;
}

/** Rows shown before "Show all N". */
const FIRST_ROWS = 10;
/** The review page's search takes at most this many characters. */
const SEARCH_MAX = 200;

const n = (v: number) => v.toLocaleString("en");

const REASON_TONE: Record<ResidueReason, string> = {
  unknown: "bg-red-100 text-red-900 ring-1 ring-inset ring-red-300 font-semibold",
  owned: "bg-emerald-50 text-emerald-800",
  "product-route": "bg-slate-100 text-slate-700",
  "known-host": "bg-sky-50 text-sky-800",
  "personal-data": "bg-violet-50 text-violet-800",
  "not-identifier": "bg-slate-100 text-slate-600",
};

export function ResidueReasonBadge({ reason }: { reason: ResidueReason }) {
  return <span className={`inline-block whitespace-nowrap rounded px-1.5 py-0.5 text-xs ${REASON_TONE[reason]}`}>{RESIDUE_REASON_LABEL[reason]}</span>;
}

const plural = (count: number, one: string, many: string) => `${n(count)} ${count === 1 ? one : many}`;

/** "2 unknown hosts, 1,758 IP-shaped (all unknown), 0 email-shaped, 23 paths (2 unknown), ...". */
export function residueSummary(inv: ResidueInventory): string {
  return inv.categories
    .map((c) => {
      const label = RESIDUE_CATEGORY_LABEL[c.category];
      const capped = c.untracked.unknown.capped || c.untracked.explained.capped ? "+" : "";
      if (c.category === "host") {
        const known = c.distinct - c.unknown;
        return `${plural(c.unknown, "unknown host", "unknown hosts")}${capped}${known ? ` (and ${plural(known, "known or owned", "known or owned")})` : ""}`;
      }
      const unknown = c.unknown === 0 || c.distinct === 0 ? "" : c.unknown === c.distinct ? " (all unknown)" : ` (${n(c.unknown)} unknown)`;
      return `${plural(c.distinct, label.one, label.many)}${capped}${unknown}`;
    })
    .join(", ");
}

function SampleLine({ item }: { item: ResidueItem }) {
  const { text, at, length, line, cutBefore, cutAfter } = item.sample;
  return (
    <span className="font-mono text-xs text-slate-700">
      <span className="text-slate-500">line {n(line)}: </span>
      {cutBefore ? "…" : ""}
      <RedactedLine text={text.slice(0, at)} />
      <mark className="rounded bg-yellow-200 px-0.5 font-semibold text-slate-900">{text.slice(at, at + length)}</mark>
      <RedactedLine text={text.slice(at + length)} />
      {cutAfter ? "…" : ""}
    </span>
  );
}

function Rows({ c, items, searchHref, artefactId, renderHostAction }: { c: ResidueCategory; items: ResidueItem[]; searchHref: (text: string) => string; artefactId: string; renderHostAction?: (p: ResidueHostActionProps) => ReactNode }) {
  return (
    <tbody className="divide-y divide-slate-100">
      {items.map((item) => (
        <tr key={`${item.reason}:${item.value}`} className={`align-top ${item.reason === "unknown" ? "bg-red-50/50" : ""}`} data-reason={item.reason}>
          <th scope="row" className="px-3 py-2 text-left font-normal">
            <code className="break-all font-mono text-xs font-semibold text-slate-900">{item.value}</code>
            {item.note ? <span className="mt-0.5 block text-xs text-slate-500">{item.note}</span> : null}
          </th>
          <td className="px-3 py-2 text-right tabular-nums">{n(item.count)}</td>
          <td className="px-3 py-2"><ResidueReasonBadge reason={item.reason} /></td>
          <td className="px-3 py-2 [overflow-wrap:anywhere]"><SampleLine item={item} /></td>
          <td className="px-3 py-2 text-right">
            <Link href={searchHref(item.search.slice(0, SEARCH_MAX))} className="whitespace-nowrap text-xs font-medium text-indigo-700 hover:underline" aria-label={`Find in file: “${item.value}” in the redacted lines`}>
              Find in file
            </Link>
          </td>
          {renderHostAction ? (
            <td className="px-3 py-2">
              {/* Slot: "Treat as internal" (SIRT proposes the host to Admin's settings). */}
              {c === "host" && item.reason === "unknown" ? <div data-slot="treat-as-internal">{renderHostAction({ host: item.value, artefactId })}</div> : null}
            </td>
          ) : null}
        </tr>
      ))}
    </tbody>
  );
}

function Table({ c, items, caption, ...rest }: { c: ResidueCategory; items: ResidueItem[]; caption: string; searchHref: (text: string) => string; artefactId: string; renderHostAction?: (p: ResidueHostActionProps) => ReactNode }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[48rem] table-fixed border-collapse text-sm">
        <caption className="sr-only">{caption}</caption>
        <colgroup>
          <col className="w-[22%]" />
          <col className="w-20" />
          <col className="w-44" />
          <col />
          <col className="w-24" />
          {rest.renderHostAction ? <col className="w-40" /> : null}
        </colgroup>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">Value</th>
            <th scope="col" className="px-3 py-2 text-right">Count</th>
            <th scope="col" className="px-3 py-2">Why it stayed</th>
            <th scope="col" className="px-3 py-2">Sample line</th>
            <th scope="col" className="px-3 py-2"><span className="sr-only">Search</span></th>
            {rest.renderHostAction ? <th scope="col" className="px-3 py-2">Action</th> : null}
          </tr>
        </thead>
        <Rows c={c} items={items} {...rest} />
      </table>
    </div>
  );
}

function Category({ cat, ...rest }: { cat: ResidueCategoryInventory; searchHref: (text: string) => string; artefactId: string; renderHostAction?: (p: ResidueHostActionProps) => ReactNode }) {
  const label = RESIDUE_CATEGORY_LABEL[cat.category];
  const id = `residue-${cat.category}`;
  const first = cat.items.slice(0, FIRST_ROWS);
  const more = cat.items.slice(FIRST_ROWS);
  const untracked = cat.untracked.unknown.distinct + cat.untracked.explained.distinct;
  const untrackedOccurrences = cat.untracked.unknown.occurrences + cat.untracked.explained.occurrences;
  const capped = cat.untracked.unknown.capped || cat.untracked.explained.capped;
  return (
    <section aria-labelledby={id} data-testid={id} className="space-y-2">
      <h3 id={id} className="text-sm font-semibold text-slate-900">
        {label.title}{" "}
        <span className="font-normal text-slate-600">
          ({n(cat.distinct)}{capped ? "+" : ""}
          {cat.unknown ? <span className="font-semibold text-red-800">, {n(cat.unknown)} unknown</span> : ", none unknown"})
        </span>
      </h3>
      <Table c={cat.category} items={first} caption={`${label.title}: the first ${first.length}, unknown first, then by count`} {...rest} />
      {more.length ? (
        <details className="rounded border border-slate-200">
          <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-indigo-700 hover:underline">Show all {n(cat.items.length)}</summary>
          <Table c={cat.category} items={more} caption={`${label.title}: the other ${more.length}`} {...rest} />
        </details>
      ) : null}
      {untracked || untrackedOccurrences ? (
        <p className="text-xs text-slate-600">
          And {n(untracked)}
          {capped ? "+" : ""} more {untracked === 1 ? "value" : "values"} not listed ({plural(untrackedOccurrences, "occurrence", "occurrences")}
          {cat.untracked.unknown.distinct ? `, ${n(cat.untracked.unknown.distinct)}${cat.untracked.unknown.capped ? "+" : ""} of them unknown` : ""}): the inventory keeps a bounded number of values of each kind. Search the file for the rest.
        </p>
      ) : null}
    </section>
  );
}

/**
 * Step 8, first thing on the review page: what is left in the redacted file that still looks like
 * an identifier (hosts, IP- and email-shaped tokens, paths, names, random-looking strings), each
 * with its count, why it stayed, a sample line and a search for it. Unknown values come first:
 * they are what Legal must look at. `renderHostAction` is the slot of each unknown-host row for
 * SIRT's "Treat as internal" proposal; without it the column is not shown.
 */
export function ResiduePanel({
  residue,
  residueSha256,
  artefactId,
  searchHref,
  renderHostAction,
  missing,
  skipTo,
}: {
  residue: ResidueInventory | null;
  residueSha256: string | null;
  artefactId: string;
  /** The review page's search for a text, as a link. */
  searchHref: (text: string) => string;
  renderHostAction?: (p: ResidueHostActionProps) => ReactNode;
  /** Why there is no residue to show (null residue): said instead of the inventory. */
  missing?: string;
  /** Anchors past a long residue: the decision form (when this user decides) and the redacted lines. */
  skipTo?: { decision?: string; lines?: string };
}) {
  const withItems = residue ? residue.categories.filter((c) => c.distinct > 0 || c.untracked.unknown.occurrences + c.untracked.explained.occurrences > 0) : [];
  const empty = residue ? residue.categories.filter((c) => !withItems.includes(c)) : [];
  // Long: more rows than one category shows before "Show all"; keyboard users may skip past them.
  const isLong = withItems.reduce((rows, c) => rows + c.items.length, 0) > FIRST_ROWS;
  const skips = isLong && skipTo ? [skipTo.decision ? { href: skipTo.decision, label: "Skip to the decision form" } : null, skipTo.lines ? { href: skipTo.lines, label: "Skip to the redacted lines" } : null].filter((x) => x !== null) : [];
  return (
    <section aria-labelledby="residue-heading" data-testid="residue" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <div>
        <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
          <h2 id="residue-heading" className="text-base font-semibold text-slate-900">What is left in the file</h2>
          {skips.length ? (
            <nav aria-label="Skip the residue" className="flex gap-3 text-xs" data-testid="residue-skip-links">
              {skips.map((l) => (
                <a key={l.href} href={l.href} className="font-medium text-indigo-700 underline-offset-2 hover:underline focus:underline">
                  {l.label}
                </a>
              ))}
            </nav>
          ) : null}
        </div>
        <p className="mt-1 max-w-4xl text-sm text-slate-600">
          Everything in the redacted file that still looks like an identifier, and why it stayed. <strong className="font-semibold text-red-800">Unknown</strong> values are the ones to look at: nothing says they belong to the account, the product or the request.
        </p>
      </div>
      {!residue ? (
        <p className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" role="status" data-testid="residue-missing">{missing ?? "There is no residue to show."}</p>
      ) : (
        <>
          {withItems.length ? <p className="text-sm font-medium text-slate-900" data-testid="residue-summary">{residueSummary(residue)}.</p> : null}
          {residueSha256 ? (
            <p className="text-xs text-slate-500">
              Taken from the {plural(residue.lines, "line", "lines")} of this redaction · SHA-256 <code className="font-mono" title={residueSha256}>{residueSha256.slice(0, 16)}…</code>, which each approval records.
            </p>
          ) : null}
          {withItems.length === 0 ? (
            <p className="rounded border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900" role="status" data-testid="residue-empty">
              Nothing that looks like an identifier is left in the redacted file: no host, address, email, path, name or token-like string.
            </p>
          ) : (
            <div className="space-y-6">
              {withItems.map((cat) => (
                <Category key={cat.category} cat={cat} searchHref={searchHref} artefactId={artefactId} renderHostAction={renderHostAction} />
              ))}
              {empty.length ? <p className="text-xs text-slate-600">None left: {empty.map((c) => RESIDUE_CATEGORY_LABEL[c.category].title.toLowerCase()).join(", ")}.</p> : null}
            </div>
          )}
        </>
      )}
    </section>
  );
}
