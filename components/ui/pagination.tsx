import Link from "@/components/ui/app-link";

/**
 * Previous / next links that keep the other query parameters. With `capped` the total is a lower
 * bound (lib/format/count.ts): the range reads "of 1,000+", the page has no "of N", and Next shows
 * while the page was full (`hasNext`, from reading one row more than the page).
 */
export function Pagination({
  page,
  pageSize,
  total,
  basePath,
  params = {},
  pageParam = "page",
  capped = false,
  hasNext,
  shown,
  nextHref,
  prevHref,
}: {
  page: number;
  pageSize: number;
  total: number;
  basePath: string;
  params?: Record<string, string>;
  pageParam?: string;
  capped?: boolean;
  /** Whether a next page exists; when absent, from the total. */
  hasNext?: boolean;
  /** Rows on this page (the range's end when the total is capped). */
  shown?: number;
  /** Links of keyset pagination (lib/cases/keyset.ts), instead of page numbers. */
  nextHref?: string;
  prevHref?: string;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const next = hasNext ?? page < pages;
  if (!capped && total <= pageSize && page === 1) return null;
  if (capped && page === 1 && !next) return null;
  const href = (p: number) => (p === page + 1 && nextHref) || (p === page - 1 && prevHref) || `${basePath}?${new URLSearchParams({ ...params, [pageParam]: String(p) }).toString()}`;
  const first = (page - 1) * pageSize + 1;
  const last = capped ? first - 1 + (shown ?? pageSize) : Math.min(total, page * pageSize);
  const fmt = (n: number) => n.toLocaleString("en");
  const link = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50";
  return (
    <nav className="mt-4 flex items-center justify-between text-sm text-slate-600" aria-label="Pagination">
      <span>
        {last < first ? <>Nothing on page {fmt(page)}</> : capped && last > total ? <>{fmt(first)}–{fmt(last)}</> : <>{fmt(first)}–{fmt(last)} of {capped ? `${fmt(total)}+` : fmt(total)}</>}
      </span>
      <span className="flex gap-2">
        {page > 1 ? <Link className={link} href={href(page - 1)} rel="prev">Previous</Link> : null}
        <span className="px-2 py-1.5">Page {fmt(page)}{capped ? "" : ` of ${fmt(pages)}`}</span>
        {next ? <Link className={link} href={href(page + 1)} rel="next">Next</Link> : null}
      </span>
    </nav>
  );
}
