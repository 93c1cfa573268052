// RFC 4180 text, record by record: the CSV reader of the accounts import. Pure: no I/O.

/**
 * RFC 4180 records: fields separated by commas, a field in double quotes may
 * hold commas, newlines and doubled quotes (""). Returns the line each record
 * starts on. Only an unclosed quote is an error: it leaves no way to tell rows apart.
 */
export function parseCsv(text: string): { records: { line: number; fields: string[] }[]; error: string | null } {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = "";
  let inQuotes = false;
  let quoteLine = 0;
  let line = 1;
  let recordLine = 1;
  const endRecord = () => {
    fields.push(field);
    records.push({ line: recordLine, fields });
    fields = [];
    field = "";
  };
  const s = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (inQuotes) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else if (c === "\r" && s[i + 1] === "\n") {
        // A CRLF inside a quoted value is kept as one newline.
      } else {
        if (c === "\n") line++;
        field += c;
      }
    } else if (c === '"' && field.trim() === "") {
      field = "";
      inQuotes = true;
      quoteLine = line;
    } else if (c === ",") {
      fields.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && s[i + 1] === "\n") i++;
      endRecord();
      line++;
      recordLine = line;
    } else field += c;
  }
  if (inQuotes) return { records: [], error: `The quote opened on line ${quoteLine} is never closed: end the value with a " (write "" for a quote inside it).` };
  if (field !== "" || fields.length > 0) endRecord();
  return { records: records.filter((r) => r.fields.some((f) => f.trim() !== "")), error: null };
}
