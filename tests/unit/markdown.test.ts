import fc from "fast-check";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MarkdownBody, safeUrl } from "@/lib/timeline/markdown";
import { EXTENDED_NOTE, hasExtendedNote } from "@/lib/timeline/schemas";

/** The harness: an entry as the timeline renders it, as static markup (React's own escaping included). */
const renderMarkdown = (markdown: string) => renderToStaticMarkup(createElement(MarkdownBody, { markdown }));

/** React's text and attribute escaping (`'` is `&#x27;`). */
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" })[ch]!);

const A = (href: string) => `<a href="${href}" rel="noopener noreferrer nofollow" target="_blank">`;

describe("MarkdownBody: the Markdown staff write", () => {
  it.each([
    ["plain text", "Hello", "<p>Hello</p>"],
    ["paragraphs", "one\n\ntwo", "<p>one</p>\n<p>two</p>"],
    ["a line break inside a paragraph", "one\ntwo", "<p>one<br/>\ntwo</p>"],
    ["Windows newlines", "one\r\ntwo", "<p>one<br/>\ntwo</p>"],
    ["bold", "a **big** deal", "<p>a <strong>big</strong> deal</p>"],
    ["italic with stars", "an *odd* one", "<p>an <em>odd</em> one</p>"],
    ["italic with underscores", "an _odd_ one", "<p>an <em>odd</em> one</p>"],
    ["snake_case event names stay as they are", "user_logged_in and personal_access_token_created", "<p>user_logged_in and personal_access_token_created</p>"],
    ["arithmetic stars stay", "2 * 3 * 4", "<p>2 * 3 * 4</p>"],
    ["inline code", "run `git log`", "<p>run <code>git log</code></p>"],
    ["Markdown inside code is literal", "`**x** [a](https://b)`", "<p><code>**x** [a](https://b)</code></p>"],
    ["a fenced code block", "```\nline <1>\n**raw**\n```", '<pre tabindex="0"><code>line &lt;1&gt;\n**raw**\n</code></pre>'],
    ["a fenced block with a language and no closing fence", "```json\n{\"a\": 1}", '<pre tabindex="0"><code>{&quot;a&quot;: 1}\n</code></pre>'],
    // CommonMark: another bullet character starts another list (the former renderer made one).
    ["a bullet list", "- one\n- **two**\n* three", "<ul>\n<li>one</li>\n<li><strong>two</strong></li>\n</ul>\n<ul>\n<li>three</li>\n</ul>"],
    ["a numbered list", "1. first\n2. second", "<ol>\n<li>first</li>\n<li>second</li>\n</ol>"],
    ["a list item with a continuation line", "- one\n  more\n- two", "<ul>\n<li>one<br/>\nmore</li>\n<li>two</li>\n</ul>"],
    ["a paragraph then a list", "Found:\n- a\n- b", "<p>Found:</p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>"],
    ["headings, two levels down", "# Title\n## Sub", "<h3>Title</h3>\n<h4>Sub</h4>"],
    ["an https link", "[docs](https://example.com/a?b=1&c=2)", `<p>${A("https://example.com/a?b=1&amp;c=2")}docs</a></p>`],
    ["an http link with bold text", "[**x**](http://example.com)", `<p>${A("http://example.com")}<strong>x</strong></a></p>`],
    ["empty input", "", ""],
  ])("%s", (_label, input, html) => {
    expect(renderMarkdown(input)).toBe(html);
  });
});

describe("MarkdownBody: what the former renderer got wrong", () => {
  it.each([
    // Bold and italic inside each other.
    ["italic inside bold", "**bold *both* bold**", "<p><strong>bold <em>both</em> bold</strong></p>"],
    ["bold inside italic", "*it **both** it*", "<p><em>it <strong>both</strong> it</em></p>"],
    ["bold and italic at once", "***both***", "<p><em><strong>both</strong></em></p>"],
    ["underscore italic around bold", "_see **this** now_", "<p><em>see <strong>this</strong> now</em></p>"],
    // Nested lists.
    ["a nested bullet list", "- a\n  - b\n    - c\n- d", "<ul>\n<li>a\n<ul>\n<li>b\n<ul>\n<li>c</li>\n</ul>\n</li>\n</ul>\n</li>\n<li>d</li>\n</ul>"],
    ["bullets inside a numbered list", "1. step\n   - detail\n2. next", "<ol>\n<li>step\n<ul>\n<li>detail</li>\n</ul>\n</li>\n<li>next</li>\n</ol>"],
    ["a numbered list starting at 3", "3. third\n4. fourth", '<ol start="3">\n<li>third</li>\n<li>fourth</li>\n</ol>'],
    ["a task list", "- [x] token revoked\n- [ ] logs extracted", '<ul class="contains-task-list">\n<li class="task-list-item"><span role="img" aria-label="Done">☑</span> token revoked</li>\n<li class="task-list-item"><span role="img" aria-label="Not done">☐</span> logs extracted</li>\n</ul>'],
    // Block quotes.
    ["a block quote", "> the customer wrote\n> two lines", "<blockquote>\n<p>the customer wrote<br/>\ntwo lines</p>\n</blockquote>"],
    ["a nested quote with a list", "> quote\n> > inner\n>\n> - item", "<blockquote>\n<p>quote</p>\n<blockquote>\n<p>inner</p>\n</blockquote>\n<ul>\n<li>item</li>\n</ul>\n</blockquote>"],
    // GFM tables.
    [
      "a table with alignment and inline markup",
      "| host | hits |\n|:--|--:|\n| `api-1` | **12** |\n| a \\| b | 3 |",
      '<div class="overflow-x-auto" tabindex="0"><table><thead><tr><th style="text-align:left">host</th><th style="text-align:right">hits</th></tr></thead><tbody><tr><td style="text-align:left"><code>api-1</code></td><td style="text-align:right"><strong>12</strong></td></tr><tr><td style="text-align:left">a | b</td><td style="text-align:right">3</td></tr></tbody></table></div>',
    ],
    ["a table without alignment", "a | b\n--|--\n1 | 2", '<div class="overflow-x-auto" tabindex="0"><table><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table></div>'],
    // Links with parentheses.
    ["a link with ( in it", "[Foo](https://en.wikipedia.org/wiki/Foo_(bar))", `<p>${A("https://en.wikipedia.org/wiki/Foo_(bar)")}Foo</a></p>`],
    ["a bare URL with ( in it", "see https://en.wikipedia.org/wiki/Foo_(bar).", `<p>see ${A("https://en.wikipedia.org/wiki/Foo_(bar)")}https://en.wikipedia.org/wiki/Foo_(bar)</a>.</p>`],
    ["a link inside parentheses", "(see [docs](https://example.com/x))", `<p>(see ${A("https://example.com/x")}docs</a>)</p>`],
    ["a link with a title: the title is dropped", '[x](https://example.com "t")', `<p>${A("https://example.com")}x</a></p>`],
    ["a reference link", "[the runbook][rb]\n\n[rb]: https://example.com/runbook", `<p>${A("https://example.com/runbook")}the runbook</a></p>`],
    // Autolinks.
    ["an angle-bracket autolink", "<https://example.com/a>", `<p>${A("https://example.com/a")}https://example.com/a</a></p>`],
    ["a bare https URL", "logs at https://example.com/logs, then", `<p>logs at ${A("https://example.com/logs")}https://example.com/logs</a>, then</p>`],
    ["a www. address", "www.example.com", `<p>${A("http://www.example.com")}www.example.com</a></p>`],
    ["an email address", "mail dana@customer.example", `<p>mail ${A("mailto:dana@customer.example")}dana@customer.example</a></p>`],
    ["a mailto link", "[Dana](mailto:dana@customer.example)", `<p>${A("mailto:dana@customer.example")}Dana</a></p>`],
    // Code blocks.
    ["a fenced block with a language (the language class is dropped)", "```sql\nSELECT * FROM events;\n```", '<pre tabindex="0"><code>SELECT * FROM events;\n</code></pre>'],
    ["a tilde fence", "~~~\na ~~b~~\n~~~", '<pre tabindex="0"><code>a ~~b~~\n</code></pre>'],
    ["an indented code block", "    GET /api/v4/projects\n    200", '<pre tabindex="0"><code>GET /api/v4/projects\n200\n</code></pre>'],
    ["a code block inside a list item", "- run:\n\n  ```\n  git log\n  ```", '<ul>\n<li>\n<p>run:</p>\n<pre tabindex="0"><code>git log\n</code></pre>\n</li>\n</ul>'],
    ["inline code with backticks inside", "``a `b` c``", "<p><code>a `b` c</code></p>"],
    // The rest of GFM, and the choices made.
    ["strikethrough", "~~wrong~~ right", "<p><del>wrong</del> right</p>"],
    ["one tilde is not strikethrough", "~5 minutes, ~10 requests", "<p>~5 minutes, ~10 requests</p>"],
    ["every heading level moves two down and stops at h6", "# 1\n## 2\n### 3\n#### 4\n##### 5\n###### 6", "<h3>1</h3>\n<h4>2</h4>\n<h5>3</h5>\n<h6>4</h6>\n<h6>5</h6>\n<h6>6</h6>"],
    ["a setext heading", "Title\n=====", "<h3>Title</h3>"],
    ["a thematic break", "a\n\n---\n\nb", "<p>a</p>\n<hr/>\n<p>b</p>"],
    ["an image becomes a link to it, not loaded", "![the error page](https://example.com/e.png)", `<p>${A("https://example.com/e.png")}Image: the error page</a></p>`],
    ["an image without alt text names its URL", "![](https://example.com/e.png)", `<p>${A("https://example.com/e.png")}Image: https://example.com/e.png</a></p>`],
    ["footnotes stay the text that wrote them", "Seen twice[^1].\n\n[^1]: in api-1 and api-2", "<p>Seen twice[^1].</p>\n<p>[^1]: in api-1 and api-2</p>"],
    ["a backslash escape", "\\*not italic\\*", "<p>*not italic*</p>"],
    ["a hard line break with two spaces", "a  \nb", "<p>a<br/>\nb</p>"],
  ])("%s", (_label, input, html) => {
    expect(renderMarkdown(input)).toBe(html);
  });
});

describe("MarkdownBody: hostile input never yields live HTML", () => {
  it.each([
    ["a script tag", "<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"],
    ["an img with onerror", "<img src=x onerror=alert(1)>", "<p>&lt;img src=x onerror=alert(1)&gt;</p>"],
    ["a script in a fenced block", "```\n<script>alert(1)</script>\n```", '<pre tabindex="0"><code>&lt;script&gt;alert(1)&lt;/script&gt;\n</code></pre>'],
    ["a script in inline code", "`<script>`", "<p><code>&lt;script&gt;</code></p>"],
    // A link whose URL is refused keeps its text and loses the link.
    ["a javascript: link", "[click](javascript:alert(1))", "<p>click</p>"],
    ["a JaVaScRiPt: link", "[click](JaVaScRiPt:alert(1))", "<p>click</p>"],
    ["a data: link", "[x](data:text/html;base64,PHNjcmlwdD4=)", "<p>x</p>"],
    ["a protocol-relative link", "[x](//evil.example)", "<p>x</p>"],
    ["an entity-encoded javascript: link", "[x](&#106;avascript:alert(1))", "<p>x</p>"],
    // The quote is percent-encoded inside the URL, and React escapes attributes besides.
    ["a quote breaking out of href", '[x](https://a.example/"onmouseover="alert(1))', `<p>${A("https://a.example/%22onmouseover=%22alert(1)")}x</a></p>`],
    ["a raw anchor with javascript:", '<a href="javascript:alert(1)">x</a>', "<p>&lt;a href=&quot;javascript:alert(1)&quot;&gt;x&lt;/a&gt;</p>"],
    ["an svg onload", "<svg onload=alert(1)>", "<p>&lt;svg onload=alert(1)&gt;</p>"],
    ["an iframe", "<iframe src=https://evil.example></iframe>", "<p>&lt;iframe src=https://evil.example&gt;&lt;/iframe&gt;</p>"],
    ["HTML inside bold", "**<b onclick=x>hi</b>**", "<p><strong>&lt;b onclick=x&gt;hi&lt;/b&gt;</strong></p>"],
    ["a style attribute via single quotes", "<p style='x'>", "<p>&lt;p style=&#x27;x&#x27;&gt;</p>"],
    ["control characters", "\u00010\u0001 `a`", "<p>0 <code>a</code></p>"],
    // New with CommonMark and GFM: more ways to write a URL, each through the same filter.
    ["a vbscript: link", "[x](vbscript:msgbox(1))", "<p>x</p>"],
    ["a javascript: autolink", "<javascript:alert(1)>", "<p>javascript:alert(1)</p>"],
    ["a javascript: reference link", "[x][1]\n\n[1]: javascript:alert(1)", "<p>x</p>"],
    ["a tab-split javascript: link", "[x](java&#9;script:alert(1))", "<p>x</p>"],
    ["a file: link", "[x](file:///etc/passwd)", "<p>x</p>"],
    ["a relative link", "[admin](/admin/settings)", "<p>admin</p>"],
    ["a fragment link", "[x](#top)", "<p>x</p>"],
    ["a javascript: image", "![pwn](javascript:alert(1))", "<p>Image: pwn</p>"],
    ["a data: image", "![](data:image/svg+xml;base64,PHN2Zz4=)", "<p></p>"],
    ["a multi-line HTML block", "<div\nonmouseover=alert(1)>\nx\n</div>", "<p>&lt;div<br/>\nonmouseover=alert(1)&gt;<br/>\nx<br/>\n&lt;/div&gt;</p>"],
    ["an HTML comment", "<!-- hidden -->", "<p>&lt;!-- hidden --&gt;</p>"],
    ["HTML in a table cell", "| a |\n|---|\n| <img src=x onerror=alert(1)> |", '<div class="overflow-x-auto" tabindex="0"><table><thead><tr><th>a</th></tr></thead><tbody><tr><td>&lt;img src=x onerror=alert(1)&gt;</td></tr></tbody></table></div>'],
    ["a GFM-filtered tag", "<textarea>x</textarea>", "<p>&lt;textarea&gt;x&lt;/textarea&gt;</p>"],
  ])("%s", (_label, input, html) => {
    expect(renderMarkdown(input)).toBe(html);
  });

  it.each([
    ["https://example.com/a", "https://example.com/a"],
    ["HTTP://EXAMPLE.COM", "HTTP://EXAMPLE.COM"],
    ["mailto:dana@customer.example", "mailto:dana@customer.example"],
    ["javascript:alert(1)", null],
    [" javascript:alert(1)", null],
    ["data:text/html,x", null],
    ["vbscript:x", null],
    ["//evil.example", null],
    ["/relative", null],
    ["#fragment", null],
    ["https:evil", null],
    ["", null],
  ])("safeUrl(%j) -> %j", (url, out) => {
    expect(safeUrl(url, "href", { type: "element", tagName: "a", properties: {}, children: [] })).toBe(out);
  });

  const ALLOWED_TAGS = new Set(["p", "br", "strong", "em", "del", "code", "pre", "blockquote", "hr", "ul", "ol", "li", "a", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "div", "span"]);
  /** The attributes each tag may carry, all of them fixed but an http(s)/mailto href and an ordered list's start. Others: none. */
  const ALLOWED_ATTRS: Record<string, RegExp> = {
    a: /^href="(?:https?:\/\/|mailto:)[^"\s<>]*" rel="noopener noreferrer nofollow" target="_blank"$/i,
    div: /^class="overflow-x-auto" tabindex="0"$/,
    pre: /^tabindex="0"$/,
    span: /^role="img" aria-label="(?:Done|Not done)"$/,
    ul: /^(?:class="contains-task-list")?$/,
    ol: /^(?:start="\d+")?(?: ?class="contains-task-list")?$/,
    li: /^(?:class="task-list-item")?$/,
    th: /^(?:style="text-align:(?:left|center|right)")?$/,
    td: /^(?:style="text-align:(?:left|center|right)")?$/,
  };

  /** Every tag in `html`, with its attribute text. */
  const tagsOf = (html: string) =>
    [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)].map((m) => ({ name: m[1]!.toLowerCase(), closing: m[0].startsWith("</"), attrs: m[2]!.replace(/\/$/, "").trim() }));

  it("for any input, only the allowed tags appear, each with only its fixed attributes and an http(s)/mailto href", () => {
    const pieces = fc.constantFrom(
      "<", ">", '"', "'", "&", "*", "**", "_", "`", "```", "[", "]", "(", ")", "\n", "\n\n", "- ", "1. ", "# ", " ", "javascript:", "https://", "http://x", "onerror=", "<script>", "</script>", "<img src=x onerror=alert(1)>", "\u0001", "0", "a",
      // CommonMark and GFM syntax, and more URL schemes.
      "> ", "|", "|---|", "\n|-|-|\n", "~~", "~~~", "![", "[^1]", "[^1]: ", "- [ ] ", "- [x] ", "    ", "  \n", "\\", "www.x.example", "a@b.example", "mailto:", "vbscript:", "data:", "<javascript:", "<https://x>", "&#106;", "&#9;", "---", "===", "<!--", "-->", "<a href=", "3. ",
    );
    const markdown = fc.array(fc.oneof(pieces, fc.string({ maxLength: 6 })), { maxLength: 40 }).map((p) => p.join(""));
    fc.assert(
      fc.property(markdown, (md) => {
        const html = renderMarkdown(md);
        for (const tag of tagsOf(html)) {
          expect(ALLOWED_TAGS.has(tag.name)).toBe(true);
          if (tag.closing) expect(tag.attrs).toBe("");
          else expect(tag.attrs).toMatch(ALLOWED_ATTRS[tag.name] ?? /^$/);
        }
        expect(html.toLowerCase()).not.toMatch(/<script|<img|<svg|<iframe|<input|<h1|<h2|<link|href="javascript:/);
      }),
      { numRuns: 2000 },
    );
    // A full CommonMark parse per run is slower than the former regexes: ~3 s idle, more on a busy 2-core machine.
  }, 60_000);

  it("everything without Markdown syntax is escaped text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        // The former renderer's specials, plus CommonMark's own: & (entities), \ (escapes), < and > (autolinks, quotes), : and @ (autolinks).
        const plain = text.replace(/[*_`[\]()#\-+.\d~\s\u0000-\u001f&\\<>:@|=!]/g, "");
        if (!plain) return;
        expect(renderMarkdown(plain)).toBe(`<p>${escapeHtml(plain)}</p>`);
      }),
      { numRuns: 1000 },
    );
  }, 30_000);
});

describe("hasExtendedNote: the first relay of an extended case says it will take longer", () => {
  it.each([
    [EXTENDED_NOTE, true],
    [`Update.\n\n${EXTENDED_NOTE.toUpperCase()}`, true],
    ["As the window reaches back more than seven days, this will take longer.", true],
    ["Logs beyond a 7-day window take longer to search.", true],
    ["We are working on it.", false],
    ["This will take longer.", false],
    ["The window is 7 days.", false],
  ])("%j -> %s", (text, ok) => {
    expect(hasExtendedNote(text)).toBe(ok);
  });
});
