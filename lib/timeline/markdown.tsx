// Timeline entries are Markdown from staff (and, pasted in, from logs and customers), so nothing
// in them is trusted. They are parsed by react-markdown with remark-gfm (CommonMark plus GFM
// tables, strikethrough, task lists and autolinks; decision 0005) into React elements, which React
// escapes. On top of the library's own safety (no HTML is ever parsed as HTML: no rehype-raw):
// - raw HTML in an entry is shown as the text it is, never as markup;
// - link and image URLs pass `safeUrl` (http, https and mailto only), anything else is dropped;
// - links open in a new tab with rel="noopener noreferrer nofollow";
// - images are never loaded: an image becomes a link to it;
// - headings are demoted two levels (# is an h3 under the timeline's h2);
// - only a closed list of elements is emitted, each with the attributes below and no others.
// No state and no hooks: the timeline renders it on the server, the add-entry preview in the browser.

import Markdown, { type Components, type UrlTransform } from "react-markdown";
import remarkGfm from "remark-gfm";

/** The schemes a link or image may use. Everything else (javascript:, data:, vbscript:, relative and protocol-relative URLs, fragments) is dropped. */
const SAFE_URL = /^(?:https?:\/\/|mailto:)/i;

/** react-markdown's URL filter for href and src: the URL itself when its scheme is allowed, else nothing (the attribute is dropped). */
export const safeUrl: UrlTransform = (url) => (SAFE_URL.test(url) ? url : null);

const NEW_TAB = { rel: "noopener noreferrer nofollow", target: "_blank" } as const;

/** A loose view of mdast nodes: enough to rewrite the few kinds below without typing every node. */
type MdNode = { type: string; value?: string; label?: string | null; identifier?: string; children?: MdNode[] };

const BLOCK_PARENTS = new Set(["root", "blockquote", "listItem"]);

/** Text with its line breaks kept. */
const textLines = (value: string): MdNode[] =>
  value.split("\n").flatMap((line, i) => (i ? [{ type: "break" }, { type: "text", value: line }] : [{ type: "text", value: line }]));

/**
 * A remark plugin for entries: a line break is a line break (as in GitHub comments and the former
 * renderer, not CommonMark's space); HTML becomes the text it is (a block of it a paragraph); GFM
 * footnotes become the text that wrote them (`[^1]`), so that no element needs an id or an in-page
 * link, which would repeat between entries on one page.
 */
function remarkEntryText() {
  const rewrite = (parent: MdNode) => {
    parent.children = parent.children!.flatMap((node): MdNode[] => {
      if (node.type === "text" && node.value?.includes("\n")) return textLines(node.value);
      if (node.type === "html") {
        const text = textLines(node.value ?? "");
        return BLOCK_PARENTS.has(parent.type) ? [{ type: "paragraph", children: text }] : text;
      }
      if (node.type === "footnoteReference") return [{ type: "text", value: `[^${node.label ?? node.identifier}]` }];
      if (node.type === "footnoteDefinition") {
        const prefix: MdNode = { type: "text", value: `[^${node.label ?? node.identifier}]: ` };
        const blocks = node.children ?? [];
        rewrite({ type: "root", children: blocks });
        const [first, ...rest] = blocks;
        return first?.type === "paragraph" ? [{ ...first, children: [prefix, ...first.children!] }, ...rest] : [{ type: "paragraph", children: [prefix] }, ...blocks];
      }
      if (node.children) rewrite(node);
      return [node];
    });
  };
  return (tree: unknown) => rewrite(tree as MdNode);
}

/** The only elements an entry can produce (before the components below map them). Anything else is unwrapped to its content. */
const ALLOWED_ELEMENTS = ["p", "br", "strong", "em", "del", "code", "pre", "blockquote", "hr", "ul", "ol", "li", "input", "a", "img", "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td"];

type Level = 1 | 2 | 3 | 4 | 5 | 6;
/** A heading two levels down (h1 -> h3, h2 -> h4, h3 and below -> h5/h6): the page's h1 and the timeline's h2 stay the page's own. */
const demoted = (level: Level): Components["h1"] => {
  const Tag = `h${Math.min(level + 2, 6)}` as "h3" | "h4" | "h5" | "h6";
  return function Heading({ children }) {
    return <Tag>{children}</Tag>;
  };
};

// Each component passes on only the props written here: whatever else the tree carries is dropped.
const COMPONENTS: Components = {
  a: ({ href, children }) => (href ? <a href={href} {...NEW_TAB}>{children}</a> : <>{children}</>),
  // An image is not loaded (no tracking pixels, nothing fetched by opening a case): it becomes a link to it.
  img: ({ src, alt }) => {
    const label = `Image: ${alt || (typeof src === "string" ? src : "")}`.trim();
    return typeof src === "string" && src ? <a href={src} {...NEW_TAB}>{label}</a> : alt ? <>{label}</> : null;
  },
  // GFM task list boxes: a disabled checkbox with no label is an accessibility error, a symbol is not.
  input: ({ checked }) => <span role="img" aria-label={checked ? "Done" : "Not done"}>{checked ? "☑" : "☐"}</span>,
  code: ({ children }) => <code>{children}</code>,
  // Code blocks and tables scroll sideways when wide; tabIndex lets a keyboard scroll them (axe: scrollable-region-focusable).
  pre: ({ children }) => <pre tabIndex={0}>{children}</pre>,
  table: ({ children }) => (
    <div className="overflow-x-auto" tabIndex={0}>
      <table>{children}</table>
    </div>
  ),
  h1: demoted(1),
  h2: demoted(2),
  h3: demoted(3),
  h4: demoted(4),
  h5: demoted(5),
  h6: demoted(6),
};

// singleTilde off: "~5 minutes … ~10 requests" is an estimate, not strikethrough (~~x~~ still is).
const REMARK_PLUGINS = [[remarkGfm, { singleTilde: false }], remarkEntryText] as NonNullable<Parameters<typeof Markdown>[0]["remarkPlugins"]>;

/** Control characters other than tab and newlines carry nothing readable in an entry (Windows newlines become \n first). */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;

/**
 * A timeline entry's Markdown as React elements: CommonMark and GFM (tables, strikethrough, task
 * lists, autolinks), with raw HTML shown as text, http(s)/mailto links only (new tab, rel
 * "noopener noreferrer nofollow"), images as links, headings demoted two levels.
 */
export function MarkdownBody({ markdown }: { markdown: string }) {
  return (
    <Markdown remarkPlugins={REMARK_PLUGINS} urlTransform={safeUrl} components={COMPONENTS} allowedElements={ALLOWED_ELEMENTS} unwrapDisallowed>
      {markdown.replace(/\r\n?/g, "\n").replace(CONTROL, "")}
    </Markdown>
  );
}

/** Tailwind classes for rendered Markdown (no typography plugin here): one place for the timeline and the preview. */
export const MARKDOWN_CLASSES = [
  "space-y-2 break-words text-sm text-slate-800",
  "[&_a]:text-indigo-700 [&_a]:underline",
  "[&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 [&_code]:py-0.5 [&_code]:text-xs",
  "[&_pre]:overflow-x-auto [&_pre]:rounded-md [&_pre]:bg-slate-900 [&_pre]:p-3 [&_pre]:text-xs [&_pre]:text-slate-100 [&_pre_code]:bg-transparent [&_pre_code]:p-0 [&_pre_code]:text-slate-100",
  "[&_h3]:text-base [&_h3]:font-semibold [&_h4]:font-semibold [&_h5]:font-semibold [&_h6]:font-medium [&_h6]:text-slate-600",
  "[&_ul]:list-disc [&_ol]:list-decimal [&_ul]:pl-5 [&_ol]:pl-5 [&_ul_ul]:list-[circle] [&_li>ol]:mt-1 [&_li>ul]:mt-1 [&_li+li]:mt-0.5 [&_li>p+*]:mt-1",
  "[&_.contains-task-list]:list-none [&_.contains-task-list]:pl-1",
  "[&_blockquote]:border-l-4 [&_blockquote]:border-slate-300 [&_blockquote]:pl-3 [&_blockquote]:text-slate-600 [&_blockquote>*+*]:mt-2",
  // A table is as wide as its cells up to 40ch each (then they wrap), and scrolls sideways past the entry's width.
  "[&_table]:w-max [&_th]:max-w-[40ch] [&_td]:max-w-[40ch] [&_td]:align-top [&_table]:border-collapse [&_table]:text-left [&_th]:border [&_td]:border [&_th]:border-slate-300 [&_td]:border-slate-200 [&_th]:bg-slate-50 [&_th]:px-2 [&_td]:px-2 [&_th]:py-1 [&_td]:py-1 [&_th]:font-semibold",
  "[&_hr]:border-slate-200 [&_del]:text-slate-500",
].join(" ");
