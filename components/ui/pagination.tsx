import Link from "next/link";

/** Previous / next links that keep the other query parameters. */
export function Pagination({ page, pageSize, total, basePath, params = {}, pageParam = "page" }: { page: number; pageSize: number; total: number; basePath: string; params?: Record<string, string>; pageParam?: string }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (total <= pageSize) return null;
  const href = (p: number) => `${basePath}?${new URLSearchParams({ ...params, [pageParam]: String(p) }).toString()}`;
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  const link = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50";
  return (
    <nav className="mt-4 flex items-center justify-between text-sm text-slate-600" aria-label="Pagination">
      <span>
        {first}–{last} of {total}
      </span>
      <span className="flex gap-2">
        {page > 1 ? <Link className={link} href={href(page - 1)}>Previous</Link> : null}
        <span className="px-2 py-1.5">Page {page} of {pages}</span>
        {page < pages ? <Link className={link} href={href(page + 1)}>Next</Link> : null}
      </span>
    </nav>
  );
}
