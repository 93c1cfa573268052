export type Column = string | { label: string; align?: "right"; hidden?: boolean };

/** The header row every list table shares: small caps, left-aligned, `scope="col"`. */
export function TableHead({ columns, dense = false }: { columns: Column[]; dense?: boolean }) {
  const pad = dense ? "px-3 py-2" : "px-4 py-3";
  return (
    <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
      <tr>
        {columns.map((c) => {
          const col = typeof c === "string" ? { label: c } : c;
          return (
            <th key={col.label} scope="col" className={`${pad}${col.align === "right" ? " text-right" : ""}`}>
              {col.hidden ? <span className="sr-only">{col.label}</span> : col.label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
