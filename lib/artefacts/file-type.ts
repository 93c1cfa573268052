// The type an uploaded log extract keeps from its name (.ndjson, .jsonl, .csv, ...): its label on
// the page, the extension and content type of its redacted download. Pure: no I/O.

export type ContentFormat = "ndjson" | "text";

export interface FileType {
  /** What the page calls it. */
  label: string;
  /** The extension of the redacted download, without the dot. */
  extension: string;
  contentType: string;
}

const TEXT = "text/plain; charset=utf-8";

/** The extensions an upload keeps, by its name (lower case, `.gz` removed). */
const KNOWN: Record<string, FileType> = {
  ndjson: { label: "NDJSON", extension: "ndjson", contentType: "application/x-ndjson" },
  jsonl: { label: "JSON lines", extension: "jsonl", contentType: "application/jsonl" },
  json: { label: "JSON", extension: "json", contentType: "application/json" },
  csv: { label: "CSV", extension: "csv", contentType: "text/csv; charset=utf-8" },
  tsv: { label: "TSV", extension: "tsv", contentType: "text/tab-separated-values; charset=utf-8" },
  log: { label: "Text log", extension: "log", contentType: TEXT },
  txt: { label: "Text", extension: "txt", contentType: TEXT },
};

/** Extensions that say nothing about the lines inside: the content decides the label. */
const GENERIC = new Set(["log", "txt"]);

/** The upload's own extension (lower case, after `.gz`), or "" when it has none we know. */
export function uploadExtension(filename: string): string {
  const m = /\.([a-z0-9]+)$/i.exec(filename.replace(/\.gz$/i, ""));
  const ext = m?.[1]?.toLowerCase() ?? "";
  return ext in KNOWN ? ext : "";
}

/**
 * An upload's type: its own extension is kept (an `.ndjson` file is never
 * renamed `.log`, a `.csv` stays a `.csv`); a name without a known extension
 * takes it from what the lines are (NDJSON, else a text log). A generic `.log`
 * or `.txt` of JSON lines keeps its extension but is labelled NDJSON.
 */
export function fileTypeOf(filename: string, format: ContentFormat): FileType {
  const ext = uploadExtension(filename);
  if (!ext) return format === "ndjson" ? KNOWN.ndjson! : KNOWN.log!;
  const known = KNOWN[ext]!;
  if (GENERIC.has(ext) && format === "ndjson") return { ...known, label: "NDJSON", contentType: KNOWN.ndjson!.contentType };
  return known;
}

/** The label on the page: the type, and "gzip" when it came compressed. */
export function fileTypeLabel(filename: string, format: ContentFormat, compression?: string | null): string {
  return `${fileTypeOf(filename, format).label}${compression === "gzip" ? ", gzip" : ""}`;
}
