import { copyText } from './clipboard.js';

type Highlighting = typeof import('./code-highlighting.js');

/** How long a copy button says `Copied` before it reads `Copy` again. */
const COPIED_FOR_MS = 2000;

/**
 * Gives each code block of a reply a header with its language and a Copy button, and colours it
 * once the highlighter is there. The highlighter is a separate chunk, loaded the first time a block
 * names a language.
 */
export class CodeBlocks {
  readonly #document: Document;
  readonly #announce: (message: string) => void;
  #highlighting: Highlighting | undefined;
  #loading: Promise<void> | undefined;
  /** Blocks waiting for the highlighter; those no longer on the page when it comes are skipped. */
  #waiting: { code: HTMLElement; language: string }[] = [];

  /** `announce` tells screen reader users what a button did. */
  constructor(document: Document, announce: (message: string) => void) {
    this.#document = document;
    this.#announce = announce;
  }

  /** Decorates the code blocks in `container` that are not decorated yet. */
  decorate(container: HTMLElement): void {
    for (const pre of container.querySelectorAll<HTMLPreElement>('pre')) {
      if (pre.parentElement?.classList.contains('code-block')) continue;
      const code = pre.querySelector('code');
      if (code === null) continue;
      const block = this.#frame(code);
      pre.replaceWith(block);
      // A long line scrolls inside the block: keyboard users reach it with Tab, then scroll it.
      pre.tabIndex = 0;
      block.append(pre);
      this.#highlight(code);
    }
  }

  /** A code block's frame, with its header: the language and the Copy button. */
  #frame(code: HTMLElement): HTMLElement {
    const block = this.#document.createElement('div');
    block.className = 'code-block';
    const head = this.#document.createElement('div');
    head.className = 'code-head';
    const language = this.#document.createElement('span');
    language.textContent = languageOf(code) ?? 'code';
    const copy = copyButton(
      this.#document,
      'Copy code',
      () => code.textContent ?? '',
      (copied) => this.#announce(copied ? 'Code copied.' : 'The browser did not allow copying.'),
    );
    head.append(language, copy);
    block.append(head);
    return block;
  }

  #highlight(code: HTMLElement): void {
    const language = languageOf(code);
    if (language === undefined) return;
    if (this.#highlighting !== undefined) {
      this.#highlighting.highlightCode(code, language);
      return;
    }
    this.#waiting.push({ code, language });
    this.#loading ??= import('./code-highlighting.js').then(
      (highlighting) => {
        this.#highlighting = highlighting;
        for (const { code, language } of this.#waiting) {
          if (code.isConnected) highlighting.highlightCode(code, language);
        }
        this.#waiting = [];
      },
      () => {
        // Without the highlighter (a failed download), code stays plain; the next block tries again.
        this.#waiting = [];
        this.#loading = undefined;
      },
    );
  }
}

/**
 * A button that copies `text()` and says `Copied` for a moment. Its accessible name is `label`
 * (`Copy code`, `Copy reply`); it shows the first word.
 */
export function copyButton(
  document: Document,
  label: string,
  text: () => string,
  done: (copied: boolean) => void,
): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'copy';
  button.setAttribute('aria-label', label);
  button.textContent = 'Copy';
  let timer: ReturnType<typeof setTimeout> | undefined;
  button.addEventListener('click', async () => {
    const copied = await copyText(document, text());
    done(copied);
    if (!copied) return;
    button.textContent = 'Copied';
    clearTimeout(timer);
    timer = setTimeout(() => {
      button.textContent = 'Copy';
    }, COPIED_FOR_MS);
  });
  return button;
}

function languageOf(code: HTMLElement): string | undefined {
  return /\blanguage-([\w+#.-]+)/.exec(code.className)?.[1];
}
