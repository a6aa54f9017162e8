import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml, renderMarkdown } from './chat-markdown.js';

/** Every tag the renderer may write, with the only attributes it may carry. */
const ALLOWED_TAG =
  /^<(?:\/?(?:p|h[1-6]|ul|ol|li|blockquote|pre|code|strong|em|del|a)|br|hr|code class="language-[\w+#.-]+"|a href="(?:https?:\/\/|mailto:)[^"<>]*" target="_blank" rel="noopener noreferrer nofollow")>$/i;

/** The tags of `html` that the allow-list does not know. */
function unknownTags(html: string): string[] {
  return (html.match(/<[^>]*>?/g) ?? []).filter((tag) => !ALLOWED_TAG.test(tag));
}

/** Fragments that try to break out: tags, handlers, script URLs, entities, Markdown around them. */
const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror="alert(1)">',
  '<svg onload=alert(1)>',
  '<a href="javascript:alert(1)">x</a>',
  '[x](javascript:alert(1))',
  '[x](JaVaScRiPt:alert(1))',
  '[x](javascript:steal)',
  '[x](data:text/html,x)',
  '[x](data:text/html,<script>alert(1)</script>)',
  '[x](https://a.example/"onmouseover="alert(1))',
  '[x](&#106;avascript:alert(1))',
  '```',
  '```js"><script>',
  '`',
  '**',
  '_',
  '*',
  '~~',
  '# ',
  '> ',
  '- ',
  '1. ',
  '\n',
  '\n\n',
  '"',
  "'",
  '&',
  '<',
  '>',
  '</code></pre><script>alert(1)</script>',
  'text',
];

describe('renderMarkdown', () => {
  it('renders the Markdown of chat replies', () => {
    expect(renderMarkdown('# Title\n\nSome **bold**, *italic*, `code` and ~~gone~~.')).toBe(
      '<h1>Title</h1>\n<p>Some <strong>bold</strong>, <em>italic</em>, <code>code</code> and <del>gone</del>.</p>',
    );
    expect(renderMarkdown('- one\n- two\n\n1. first\n2. second')).toBe(
      '<ul><li>one</li><li>two</li></ul>\n<ol><li>first</li><li>second</li></ol>',
    );
    expect(renderMarkdown('> quoted\n\n---\nline one\nline two')).toBe(
      '<blockquote><p>quoted</p></blockquote>\n<hr>\n<p>line one<br>line two</p>',
    );
    expect(renderMarkdown('[docs](https://example.com/a_b_?x=1&y=2)')).toBe(
      '<p><a href="https://example.com/a_b_?x=1&amp;y=2" target="_blank" rel="noopener noreferrer nofollow">docs</a></p>',
    );
  });

  it('renders a fenced code block with its language, its content only escaped', () => {
    expect(renderMarkdown('```ts\nconst a = 1 < 2 && **b**;\n```\nafter')).toBe(
      '<pre><code class="language-ts">const a = 1 &lt; 2 &amp;&amp; **b**;</code></pre>\n<p>after</p>',
    );
  });

  it('runs an unclosed fence to the end, as a reply that is still streaming in', () => {
    expect(renderMarkdown('Here:\n```py\nprint("hi")')).toBe(
      '<p>Here:</p>\n<pre><code class="language-py">print(&quot;hi&quot;)</code></pre>',
    );
  });

  it('keeps HTML in the text as text', () => {
    const html = renderMarkdown('<script>alert(1)</script> <img src=x onerror="alert(1)">');
    expect(html).toBe(
      '<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=&quot;alert(1)&quot;&gt;</p>',
    );
  });

  it('makes no link of a javascript:, data: or entity-encoded target', () => {
    for (const text of [
      '[x](javascript:alert(1))',
      '[x](JAVASCRIPT:alert(1))',
      '[x](data:text/html;base64,PHNjcmlwdD4=)',
      '[x](&#106;avascript:alert(1))',
      '[x]( vbscript:msgbox(1))',
    ]) {
      expect(renderMarkdown(text)).not.toContain('<a');
    }
  });

  it('cannot end a link target’s attribute early', () => {
    const html = renderMarkdown('[x](https://a.example/"onmouseover="steal)');
    expect(html).toBe(
      '<p><a href="https://a.example/&quot;onmouseover=&quot;steal" target="_blank" rel="noopener noreferrer nofollow">x</a></p>',
    );
  });

  it('writes no tag or attribute of its own for any text (property)', () => {
    const hostileText = fc
      .array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 8 })), { maxLength: 24 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(hostileText, (text) => {
        expect(unknownTags(renderMarkdown(text))).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('escapeHtml', () => {
  it('replaces the five markup characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});
