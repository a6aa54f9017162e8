/**
 * A small Markdown renderer for model replies that escapes first and only then adds markup, so the
 * model's text can never become HTML of its own: every `<`, `>`, `&`, `"` and `'` of the input comes out
 * as an entity, and the only tags in the output are the ones written here (`p`, `br`, `h1`–`h6`, `ul`,
 * `ol`, `li`, `blockquote`, `hr`, `pre`, `code`, `strong`, `em`, `del`, `a`). Links keep only
 * `http:`, `https:` and `mailto:` targets.
 *
 * It covers what chat replies use: fenced code blocks (an unclosed fence, while a reply streams in, runs
 * to the end), inline code, headings, lists, block quotes, rules, bold, italic, strikethrough and links.
 */
export function renderMarkdown(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const html: string[] = [];
  let index = 0;
  while (index < lines.length) {
    const line = lines[index]!;
    const fence = /^ {0,3}(`{3,}|~{3,})\s*([\w+#.-]*)/.exec(line);
    if (fence !== null) {
      const closing = new RegExp(`^ {0,3}${fence[1]![0]}{${fence[1]!.length},}\\s*$`);
      const code: string[] = [];
      index += 1;
      while (index < lines.length && !closing.test(lines[index]!)) {
        code.push(lines[index]!);
        index += 1;
      }
      index += 1;
      const language = fence[2] ? ` class="language-${escapeHtml(fence[2])}"` : '';
      html.push(`<pre><code${language}>${escapeHtml(code.join('\n'))}</code></pre>`);
      continue;
    }
    if (line.trim() === '') {
      index += 1;
      continue;
    }
    const heading = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading !== null) {
      const level = heading[1]!.length;
      html.push(`<h${level}>${renderInline(heading[2]!)}</h${level}>`);
      index += 1;
      continue;
    }
    if (/^ {0,3}([-*_])(\s*\1){2,}\s*$/.test(line)) {
      html.push('<hr>');
      index += 1;
      continue;
    }
    if (QUOTE.test(line)) {
      const quoted: string[] = [];
      while (index < lines.length && QUOTE.test(lines[index]!)) {
        quoted.push(lines[index]!.replace(QUOTE, ''));
        index += 1;
      }
      html.push(`<blockquote>${renderMarkdown(quoted.join('\n'))}</blockquote>`);
      continue;
    }
    const listKind = listItemKind(line);
    if (listKind !== undefined) {
      const items: string[] = [];
      while (index < lines.length) {
        const current = lines[index]!;
        if (listItemKind(current) === listKind) {
          items.push(current.replace(LIST_MARKER, ''));
        } else if (items.length > 0 && /^\s{2,}\S/.test(current)) {
          items[items.length - 1] += `\n${current.trim()}`;
        } else {
          break;
        }
        index += 1;
      }
      const tag = listKind === 'ordered' ? 'ol' : 'ul';
      const rendered = items.map((item) => `<li>${renderInlineLines(item)}</li>`).join('');
      html.push(`<${tag}>${rendered}</${tag}>`);
      continue;
    }
    const paragraph: string[] = [];
    while (index < lines.length && startsParagraphLine(lines[index]!, paragraph.length === 0)) {
      paragraph.push(lines[index]!);
      index += 1;
    }
    html.push(`<p>${renderInlineLines(paragraph.join('\n'))}</p>`);
  }
  return html.join('\n');
}

const QUOTE = /^ {0,3}> ?/;
const LIST_MARKER = /^ {0,3}(?:[-*+]|\d{1,9}[.)])\s+/;

function listItemKind(line: string): 'ordered' | 'bullet' | undefined {
  if (/^ {0,3}[-*+]\s+/.test(line)) return 'bullet';
  if (/^ {0,3}\d{1,9}[.)]\s+/.test(line)) return 'ordered';
  return undefined;
}

/** Whether `line` continues a paragraph (the first line always does). */
function startsParagraphLine(line: string, first: boolean): boolean {
  if (first) return true;
  if (line.trim() === '') return false;
  return !(
    /^ {0,3}(`{3,}|~{3,}|#{1,6}\s)/.test(line) ||
    QUOTE.test(line) ||
    listItemKind(line) !== undefined
  );
}

/** Inline markup, with each line break kept as `<br>` (chat replies mean their line breaks). */
function renderInlineLines(text: string): string {
  return text
    .split('\n')
    .map((line) => renderInline(line.trim()))
    .join('<br>');
}

/** Inline code spans first (their content is only escaped), then the rest of the inline markup. */
function renderInline(text: string): string {
  let html = '';
  let rest = text;
  for (;;) {
    const code = /(`+)([\s\S]*?[^`])\1(?!`)/.exec(rest);
    if (code === null) break;
    html += renderEmphasisAndLinks(rest.slice(0, code.index));
    html += `<code>${escapeHtml(code[2]!.trim() || code[2]!)}</code>`;
    rest = rest.slice(code.index + code[0].length);
  }
  return html + renderEmphasisAndLinks(rest);
}

/** Links (their target escaped into the attribute), then the emphasis of the text around them. */
function renderEmphasisAndLinks(text: string): string {
  let html = '';
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    const [whole, label, target] = match as unknown as [string, string, string];
    html += renderEmphasis(text.slice(last, match.index));
    html += SAFE_LINK.test(target)
      ? `<a href="${escapeHtml(target)}" target="_blank" rel="noopener noreferrer nofollow">${renderEmphasis(label)}</a>`
      : renderEmphasis(whole);
    last = match.index + whole.length;
  }
  return html + renderEmphasis(text.slice(last));
}

/** `[label](target)`. */
const LINK = /\[([^\]\n]+)\]\(\s*([^\s()]+)\s*\)/g;

/** Bold, italic and strikethrough, applied to the text once escaped. */
function renderEmphasis(text: string): string {
  return escapeHtml(text)
    .replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, '<strong>$1</strong>')
    .replace(/__(?=\S)([\s\S]*?\S)__/g, '<strong>$1</strong>')
    .replace(/(^|[^*\w])\*(?=\S)([^*]*?\S)\*(?!\w)/g, '$1<em>$2</em>')
    .replace(/(^|[^_\w])_(?=\S)([^_]*?\S)_(?!\w)/g, '$1<em>$2</em>')
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, '<del>$1</del>');
}

/** The link targets kept: web pages and mail addresses (never `javascript:`, `data:`, …). */
const SAFE_LINK = /^(?:https?:\/\/|mailto:)/i;

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Replaces the five characters that are markup in HTML text and attributes with entities. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ENTITIES[character]!);
}
