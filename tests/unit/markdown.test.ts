import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeHtml, renderMarkdown } from "@/lib/timeline/markdown";
import { EXTENDED_NOTE, hasExtendedNote } from "@/lib/timeline/schemas";

describe("renderMarkdown: the safe subset", () => {
  it.each([
    ["plain text", "Hello", "<p>Hello</p>"],
    ["paragraphs", "one\n\ntwo", "<p>one</p>\n<p>two</p>"],
    ["a line break inside a paragraph", "one\ntwo", "<p>one<br>two</p>"],
    ["Windows newlines", "one\r\ntwo", "<p>one<br>two</p>"],
    ["bold", "a **big** deal", "<p>a <strong>big</strong> deal</p>"],
    ["italic with stars", "an *odd* one", "<p>an <em>odd</em> one</p>"],
    ["italic with underscores", "an _odd_ one", "<p>an <em>odd</em> one</p>"],
    ["snake_case event names stay as they are", "user_logged_in and personal_access_token_created", "<p>user_logged_in and personal_access_token_created</p>"],
    ["arithmetic stars stay", "2 * 3 * 4", "<p>2 * 3 * 4</p>"],
    ["inline code", "run `git log`", "<p>run <code>git log</code></p>"],
    ["Markdown inside code is literal", "`**x** [a](https://b)`", "<p><code>**x** [a](https://b)</code></p>"],
    ["a fenced code block", "```\nline <1>\n**raw**\n```", "<pre><code>line &lt;1&gt;\n**raw**</code></pre>"],
    ["a fenced block with a language and no closing fence", "```json\n{\"a\": 1}", "<pre><code>{&quot;a&quot;: 1}</code></pre>"],
    ["a bullet list", "- one\n- **two**\n* three", "<ul><li>one</li><li><strong>two</strong></li><li>three</li></ul>"],
    ["a numbered list", "1. first\n2. second", "<ol><li>first</li><li>second</li></ol>"],
    ["a list item with a continuation line", "- one\n  more\n- two", "<ul><li>one<br>more</li><li>two</li></ul>"],
    ["a paragraph then a list", "Found:\n- a\n- b", "<p>Found:</p>\n<ul><li>a</li><li>b</li></ul>"],
    ["headings", "# Title\n## Sub", "<h3>Title</h3>\n<h4>Sub</h4>"],
    ["an https link", "[docs](https://example.com/a?b=1&c=2)", '<p><a href="https://example.com/a?b=1&amp;c=2" rel="noopener noreferrer" target="_blank">docs</a></p>'],
    ["an http link with bold text", "[**x**](http://example.com)", '<p><a href="http://example.com" rel="noopener noreferrer" target="_blank"><strong>x</strong></a></p>'],
    ["empty input", "", ""],
  ])("%s", (_label, input, html) => {
    expect(renderMarkdown(input)).toBe(html);
  });
});

describe("renderMarkdown: hostile input never yields live HTML", () => {
  it.each([
    ["a script tag", "<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"],
    ["an img with onerror", "<img src=x onerror=alert(1)>", "<p>&lt;img src=x onerror=alert(1)&gt;</p>"],
    ["a script in a fenced block", "```\n<script>alert(1)</script>\n```", "<pre><code>&lt;script&gt;alert(1)&lt;/script&gt;</code></pre>"],
    ["a script in inline code", "`<script>`", "<p><code>&lt;script&gt;</code></p>"],
    ["a javascript: link", "[click](javascript:alert(1))", "<p>[click](javascript:alert(1))</p>"],
    ["a JaVaScRiPt: link", "[click](JaVaScRiPt:alert(1))", "<p>[click](JaVaScRiPt:alert(1))</p>"],
    ["a data: link", "[x](data:text/html;base64,PHNjcmlwdD4=)", "<p>[x](data:text/html;base64,PHNjcmlwdD4=)</p>"],
    ["a protocol-relative link", "[x](//evil.example)", "<p>[x](//evil.example)</p>"],
    ["an entity-encoded javascript: link", "[x](&#106;avascript:alert(1))", "<p>[x](&amp;#106;avascript:alert(1))</p>"],
    [
      "a quote breaking out of href",
      '[x](https://a.example/"onmouseover="alert(1))',
      '<p><a href="https://a.example/&quot;onmouseover=&quot;alert(1" rel="noopener noreferrer" target="_blank">x</a>)</p>',
    ],
    ["a raw anchor with javascript:", '<a href="javascript:alert(1)">x</a>', "<p>&lt;a href=&quot;javascript:alert(1)&quot;&gt;x&lt;/a&gt;</p>"],
    ["an svg onload", "<svg onload=alert(1)>", "<p>&lt;svg onload=alert(1)&gt;</p>"],
    ["an iframe", "<iframe src=https://evil.example></iframe>", "<p>&lt;iframe src=https://evil.example&gt;&lt;/iframe&gt;</p>"],
    ["HTML inside bold", "**<b onclick=x>hi</b>**", "<p><strong>&lt;b onclick=x&gt;hi&lt;/b&gt;</strong></p>"],
    ["a style attribute via single quotes", "<p style='x'>", "<p>&lt;p style=&#39;x&#39;&gt;</p>"],
    ["control characters used as placeholders", "\u00010\u0001 `a`", "<p>0 <code>a</code></p>"],
  ])("%s", (_label, input, html) => {
    expect(renderMarkdown(input)).toBe(html);
  });

  const ALLOWED_TAGS = new Set(["p", "br", "strong", "em", "code", "pre", "ul", "ol", "li", "a", "h3", "h4"]);

  /** Every tag in `html`, with its attribute text. */
  const tagsOf = (html: string) => [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)].map((m) => ({ name: m[1]!.toLowerCase(), attrs: m[2]!.trim() }));

  it("for any input, only the subset's tags appear, and the only attributes are an http(s) href and fixed rel/target", () => {
    const pieces = fc.constantFrom("<", ">", '"', "'", "&", "*", "**", "_", "`", "```", "[", "]", "(", ")", "\n", "\n\n", "- ", "1. ", "# ", " ", "javascript:", "https://", "http://x", "onerror=", "<script>", "</script>", "<img src=x onerror=alert(1)>", "\u0001", "0", "a");
    const markdown = fc.array(fc.oneof(pieces, fc.string({ maxLength: 6 })), { maxLength: 40 }).map((p) => p.join(""));
    fc.assert(
      fc.property(markdown, (md) => {
        const html = renderMarkdown(md);
        for (const tag of tagsOf(html)) {
          expect(ALLOWED_TAGS.has(tag.name)).toBe(true);
          if (tag.name === "a" && tag.attrs) {
            expect(tag.attrs).toMatch(/^href="https?:\/\/[^"\s<>]+" rel="noopener noreferrer" target="_blank"$/i);
          } else {
            expect(tag.attrs).toBe("");
          }
        }
        expect(html.toLowerCase()).not.toMatch(/<script|<img|<svg|<iframe|href="javascript:/);
      }),
      { numRuns: 2000 },
    );
  });

  it("everything outside the subset's own tags is escaped text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        const plain = text.replace(/[*_`[\]()#\-+.\d~\s\u0000-\u001f]/g, "");
        if (!plain) return;
        expect(renderMarkdown(plain)).toBe(`<p>${escapeHtml(plain)}</p>`);
      }),
      { numRuns: 1000 },
    );
  });
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
