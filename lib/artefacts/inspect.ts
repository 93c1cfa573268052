// What the upload route runs over an artefact's bytes while they stream to the blob store: decode
// lines (refusing bad input, see lines.ts), check each against the case scope, tell NDJSON from
// text. Pure stream code: no I/O, no database.
import { createLineDecoder, type DecodeStats, type LineLimits } from "./lines";
import { createScopeChecker, createScopeTally, type CaseScope, type ScopeSummary } from "./scope-check";

export interface InspectResult {
  format: "ndjson" | "text";
  stats: DecodeStats;
  scope: ScopeSummary;
}

export interface Inspector {
  /** Next raw chunk; resolves once its lines are checked. Throws UploadRejected. */
  push(chunk: Uint8Array): Promise<void>;
  /** End of input: the verdicts, or UploadRejected (empty, cut-off gzip, ...). */
  end(): Promise<InspectResult>;
  /** Release zlib resources after an error/abort. */
  destroy(): void;
}

/** Share of non-blank lines that must be JSON objects for the file to count as NDJSON. */
const NDJSON_SHARE = 0.9;

/** The first character that is not a space, tab or CR, as a char code (-1 for a blank line). */
function firstNonBlank(line: string): number {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return c;
  }
  return -1;
}

export function createInspector(scope: CaseScope, limits?: Partial<LineLimits>): Inspector {
  const check = createScopeChecker(scope);
  const tally = createScopeTally();
  let nonBlank = 0;
  let jsonish = 0;
  const decoder = createLineDecoder((line, lineNo) => {
    const c = firstNonBlank(line);
    if (c !== -1) {
      nonBlank++;
      if (c === 123) jsonish++;
    }
    tally.add(lineNo, line, check(line));
  }, limits);

  return {
    push: (chunk) => decoder.push(chunk),
    async end() {
      const stats = await decoder.end();
      const format = nonBlank > 0 && jsonish >= NDJSON_SHARE * nonBlank ? "ndjson" : "text";
      return { format, stats, scope: tally.summary() };
    },
    destroy: () => decoder.destroy(),
  };
}
