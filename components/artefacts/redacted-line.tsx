/** Redaction markers: `[REDACTED:kind]` and the pseudonyms `[user-1]`, `[project-2]`, `[email-3]`. */
const MARKER = /\[REDACTED:[a-z-]+\]|\[(?:user|project|email)-\d+\]/g;

const TONE: Record<string, string> = {
  secret: "bg-red-100 text-red-900",
  system: "bg-amber-100 text-amber-900",
  ip: "bg-sky-100 text-sky-900",
  email: "bg-sky-100 text-sky-900",
  pseudonym: "bg-violet-100 text-violet-900",
};

function toneOf(marker: string): string {
  const m = /^\[REDACTED:([a-z-]+)\]$/.exec(marker);
  return TONE[m ? m[1]! : "pseudonym"] ?? TONE.pseudonym!;
}

/** A redacted line with every replacement highlighted (text only: React escapes it, nothing runs). */
export function RedactedLine({ text, highlight }: { text: string; highlight?: string }) {
  const parts: React.ReactNode[] = [];
  let last = 0;
  let i = 0;
  for (const m of text.matchAll(MARKER)) {
    if (m.index > last) parts.push(<Plain key={i++} text={text.slice(last, m.index)} highlight={highlight} />);
    parts.push(
      <mark key={i++} data-marker className={`rounded px-0.5 ${toneOf(m[0])}`}>
        {m[0]}
      </mark>,
    );
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push(<Plain key={i++} text={text.slice(last)} highlight={highlight} />);
  return <>{parts}</>;
}

/** Search hits underlined inside the unreplaced text. */
function Plain({ text, highlight }: { text: string; highlight?: string }) {
  if (!highlight) return <>{text}</>;
  const lower = text.toLowerCase();
  const needle = highlight.toLowerCase();
  const out: React.ReactNode[] = [];
  let from = 0;
  let k = 0;
  for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, from)) {
    if (at > from) out.push(text.slice(from, at));
    out.push(<span key={k++} className="bg-yellow-200 underline">{text.slice(at, at + needle.length)}</span>);
    from = at + needle.length;
  }
  out.push(text.slice(from));
  return <>{out}</>;
}
