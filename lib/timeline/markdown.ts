// Timeline entries are Markdown from staff (and, pasted in, from logs and customers), so the
// renderer trusts nothing: it escapes every HTML character first and only then turns a small
// subset of Markdown into tags it writes itself. No raw HTML ever passes through, and the only
// attributes it emits are an http(s) href (already escaped) and fixed rel/target values.
// Pure and dependency-free, so the add-entry preview runs the very same code in the browser.

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes the five HTML-significant characters. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

// Placeholders for already-rendered inline pieces: control characters stripped from the input.
const HOLD = "\u0001";
const held = (i: number) => `${HOLD}${i}${HOLD}`;

/** A link target we are willing to emit: http(s) only, on the already-escaped text. */
function safeHref(escapedUrl: string): string | null {
  return /^https?:\/\/[^\s]+$/i.test(escapedUrl) ? escapedUrl : null;
}

/** Inline Markdown on one already-escaped run of text: `code`, [links](https://…), **bold**, *italic*. */
function renderInline(escaped: string): string {
  const pieces: string[] = [];
  const hold = (html: string) => held(pieces.push(html) - 1);
  let s = escaped.replace(/`([^`\n]+)`/g, (_m, code: string) => hold(`<code>${code}</code>`));
  s = s.replace(/\[([^\]\n]+)\]\(([^)\s]+)\)/g, (m, text: string, url: string) => {
    const href = safeHref(url);
    return href ? hold(`<a href="${href}" rel="noopener noreferrer" target="_blank">${emphasis(text)}</a>`) : m;
  });
  s = emphasis(s);
  // Pieces never contain placeholders of later pieces, so one pass restores them.
  return s.replace(new RegExp(`${HOLD}(\\d+)${HOLD}`, "g"), (_m, i: string) => pieces[Number(i)]!);
}

function emphasis(s: string): string {
  return s
    .replace(/\*\*(?=\S)([^\n]*?\S)\*\*/g, "<strong>$1</strong>")
    .replace(/(^|[^*\w])\*(?=[^\s*])([^*\n]*?[^\s*])\*(?![*\w])/g, "$1<em>$2</em>")
    .replace(/(^|[^\w])_(?=[^\s_])([^_\n]*?[^\s_])_(?!\w)/g, "$1<em>$2</em>");
}

const FENCE = /^\s{0,3}(```|~~~)/;
const BULLET = /^\s{0,3}[-*+]\s+(.*)$/;
const NUMBERED = /^\s{0,3}\d{1,9}[.)]\s+(.*)$/;
const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;

/**
 * Renders Markdown to an HTML string that is safe to insert as-is: paragraphs,
 * line breaks, **bold**, *italic*, `code`, fenced code blocks, bullet and
 * numbered lists, headings and http(s) links (rel="noopener noreferrer").
 * Everything else, including any HTML in the input, comes out as text.
 */
export function renderMarkdown(markdown: string): string {
  // Escape first: from here on no input character can open a tag or an attribute.
  const lines = escapeHtml(markdown.replace(/\r\n?/g, "\n").replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "")).split("\n");
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (!line.trim()) {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const code: string[] = [];
      i++;
      while (i < lines.length && !lines[i]!.trimStart().startsWith(fence[1]!)) code.push(lines[i++]!);
      i++; // the closing fence (or the end)
      out.push(`<pre><code>${code.join("\n")}</code></pre>`);
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      out.push(heading[1]!.length === 1 ? `<h3>${renderInline(heading[2]!)}</h3>` : `<h4>${renderInline(heading[2]!)}</h4>`);
      i++;
      continue;
    }
    const listKind = BULLET.test(line) ? "ul" : NUMBERED.test(line) ? "ol" : null;
    if (listKind) {
      const marker = listKind === "ul" ? BULLET : NUMBERED;
      const items: string[][] = [];
      while (i < lines.length && lines[i]!.trim() && !FENCE.test(lines[i]!)) {
        const m = marker.exec(lines[i]!);
        if (m) items.push([m[1]!]);
        else if (BULLET.test(lines[i]!) || NUMBERED.test(lines[i]!)) break; // the other kind of list starts
        else items[items.length - 1]!.push(lines[i]!.trim()); // a continuation line
        i++;
      }
      out.push(`<${listKind}>${items.map((it) => `<li>${it.map(renderInline).join("<br>")}</li>`).join("")}</${listKind}>`);
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && lines[i]!.trim() && !FENCE.test(lines[i]!) && !HEADING.test(lines[i]!) && !BULLET.test(lines[i]!) && !NUMBERED.test(lines[i]!)) {
      para.push(lines[i]!.trim());
      i++;
    }
    out.push(`<p>${para.map(renderInline).join("<br>")}</p>`);
  }
  return out.join("\n");
}

/** Tailwind classes for rendered Markdown (no typography plugin here): one place for the timeline and the preview. */
export const MARKDOWN_CLASSES =
  "space-y-2 break-words text-sm text-slate-800 [&_a]:text-indigo-700 [&_a]:underline [&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 [&_code]:py-0.5 [&_code]:text-xs [&_h3]:text-base [&_h3]:font-semibold [&_h4]:font-semibold [&_ol]:list-decimal [&_ol]:pl-5 [&_pre]:overflow-x-auto [&_pre]:rounded-md [&_pre]:bg-slate-900 [&_pre]:p-3 [&_pre]:text-xs [&_pre]:text-slate-100 [&_pre_code]:bg-transparent [&_pre_code]:p-0 [&_pre_code]:text-slate-100 [&_ul]:list-disc [&_ul]:pl-5";
