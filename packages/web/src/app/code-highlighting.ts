import highlighter from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import cpp from 'highlight.js/lib/languages/cpp';
import diff from 'highlight.js/lib/languages/diff';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import json from 'highlight.js/lib/languages/json';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';

/*
 * This module is its own chunk, loaded by code-blocks.ts when the first code block appears: the page
 * without code never downloads the highlighter.
 */

/** The languages coloured (each brings its own aliases: `ts`, `py`, `html`, `yml`, `rs`, …). */
const LANGUAGES = { bash, cpp, diff, go, java, json, python, rust, sql, typescript, xml, yaml };
for (const [name, language] of Object.entries(LANGUAGES)) {
  highlighter.registerLanguage(name, language);
}
// TypeScript's grammar holds JavaScript's and C++'s covers C, so one of each is enough; CSS (a
// long list of property names, 12 kB) is left plain.
highlighter.registerAliases(['javascript', 'js', 'jsx', 'mjs', 'cjs'], {
  languageName: 'typescript',
});
highlighter.registerAliases(['c', 'h'], { languageName: 'cpp' });
highlighter.registerAliases(['shell', 'console'], { languageName: 'bash' });

/**
 * Colours a code block's text in place, when `language` (its fence's) is one the highlighter knows.
 * The highlighter escapes the text it is given and adds only `<span class="hljs-…">`, so the code
 * stays text.
 *
 * @returns whether the block was coloured.
 */
export function highlightCode(code: HTMLElement, language: string): boolean {
  if (highlighter.getLanguage(language) === undefined) return false;
  const text = code.textContent ?? '';
  code.innerHTML = highlighter.highlight(text, { language, ignoreIllegals: true }).value;
  code.classList.add('hljs');
  return true;
}
