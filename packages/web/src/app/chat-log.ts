import { renderMarkdown } from './chat-markdown.js';
import { type CodeBlocks, copyButton } from './code-blocks.js';
import type { ChatEntry } from './conversation-store.js';
import { formatToolArguments, type ToolCall } from './tool-calls.js';

/** What the log's buttons ask of the page. */
export interface ChatLogActions {
  /** Replace the question `entry` with `text`, drop what followed it, and ask again. */
  resend(entry: ChatEntry, text: string): void;
  /** Ask again for the last reply. */
  regenerate(): void;
  /** Tell screen reader users what a button did. */
  announce(message: string): void;
}

/**
 * The conversation on screen. Each entry is a turn: the message itself (an `article` named
 * `Your message` or `Reply`, or an alert for an error) and its buttons: Edit for a question, Copy for
 * a reply, and Regenerate on the last reply (or error).
 */
export class ChatLog {
  readonly #document: Document;
  readonly #log: HTMLElement;
  readonly #empty: HTMLElement;
  readonly #codeBlocks: CodeBlocks;
  readonly #actions: ChatLogActions;
  readonly #turns = new Map<ChatEntry, HTMLElement>();
  #entries: readonly ChatEntry[] = [];

  constructor(
    document: Document,
    log: HTMLElement,
    empty: HTMLElement,
    codeBlocks: CodeBlocks,
    actions: ChatLogActions,
  ) {
    this.#document = document;
    this.#log = log;
    this.#empty = empty;
    this.#codeBlocks = codeBlocks;
    this.#actions = actions;
  }

  /** Shows a whole conversation, scrolled to its end. */
  show(entries: readonly ChatEntry[]): void {
    this.#entries = entries;
    this.#turns.clear();
    this.#log.replaceChildren(this.#empty, ...entries.map((entry) => this.#turn(entry, false)));
    this.#empty.hidden = entries.length > 0;
    this.#refreshRegenerate();
    this.scrollToEnd();
  }

  /** Shows an entry just added to the conversation (an error is announced). */
  add(entry: ChatEntry): void {
    const turn = this.#turn(entry, true);
    this.#log.append(turn);
    this.#empty.hidden = true;
    this.#refreshRegenerate();
    this.scrollToEnd();
  }

  /** Takes an entry off the screen. */
  remove(entry: ChatEntry): void {
    this.#turns.get(entry)?.remove();
    this.#turns.delete(entry);
    this.#refreshRegenerate();
  }

  /** Shows a reply again after it changed: its text, its tool calls, and how it ended. */
  update(reply: ChatEntry, status: string): void {
    const turn = this.#turns.get(reply);
    if (turn === undefined) return;
    const message = turn.querySelector<HTMLElement>('.message')!;
    message.dataset.status = status;
    this.#follow(() => this.#renderReply(message, reply));
    this.#refreshRegenerate();
  }

  /** Keeps the log at its end. */
  scrollToEnd(): void {
    this.#log.scrollTop = this.#log.scrollHeight;
  }

  #turn(entry: ChatEntry, fresh: boolean): HTMLElement {
    const turn = this.#document.createElement('div');
    turn.className = `turn ${entry.role}`;
    const message = this.#document.createElement(entry.role === 'error' ? 'p' : 'article');
    message.className = `message ${entry.role}`;
    const actions = this.#document.createElement('div');
    actions.className = 'actions';
    if (entry.role === 'assistant') {
      message.setAttribute('aria-label', 'Reply');
      message.dataset.status = entry.status ?? 'done';
      this.#renderReply(message, entry);
      actions.append(
        copyButton(
          this.#document,
          'Copy reply',
          () => entry.content,
          (copied) =>
            this.#actions.announce(copied ? 'Reply copied.' : 'The browser did not allow copying.'),
        ),
      );
    } else if (entry.role === 'user') {
      message.setAttribute('aria-label', 'Your message');
      message.textContent = entry.content;
      actions.append(this.#button('Edit', 'Edit message', () => this.#edit(turn, message, entry)));
    } else {
      message.textContent = entry.content;
      if (fresh) message.setAttribute('role', 'alert');
    }
    turn.append(message, actions);
    this.#turns.set(entry, turn);
    return turn;
  }

  /** The reply's Markdown (escaped by the renderer, so the model's text never becomes markup). */
  #renderReply(message: HTMLElement, reply: ChatEntry): void {
    message.innerHTML = renderMarkdown(reply.content);
    for (const call of reply.toolCalls ?? []) message.append(this.#toolCall(call));
    if (reply.toolCalls !== undefined && reply.toolCalls.length > 0) {
      message.append(
        this.#note('This page shows the tool calls a model asks for; it does not run them.'),
      );
    }
    if (reply.status === 'stopped') message.append(this.#note('Stopped.'));
    this.#codeBlocks.decorate(message);
  }

  /** A tool call as a labelled block: the tool's name, then its arguments indented. */
  #toolCall(call: ToolCall): HTMLElement {
    const figure = this.#document.createElement('figure');
    figure.className = 'tool-call';
    const caption = this.#document.createElement('figcaption');
    const name = this.#document.createElement('code');
    name.textContent = call.name || 'unnamed tool';
    caption.append('Tool call ', name);
    const pre = this.#document.createElement('pre');
    const code = this.#document.createElement('code');
    code.className = 'language-json';
    code.textContent = formatToolArguments(call.arguments);
    pre.append(code);
    figure.append(caption, pre);
    return figure;
  }

  #note(text: string): HTMLElement {
    const note = this.#document.createElement('p');
    note.className = 'note';
    note.textContent = text;
    return note;
  }

  /** Turns a question into a text field with Save and send / Cancel (Enter sends, Escape cancels). */
  #edit(turn: HTMLElement, message: HTMLElement, entry: ChatEntry): void {
    const form = this.#document.createElement('form');
    form.className = 'edit';
    const field = this.#document.createElement('textarea');
    field.value = entry.content;
    field.rows = Math.min(8, entry.content.split('\n').length + 1);
    field.setAttribute('aria-label', 'Edit message');
    const send = this.#document.createElement('button');
    send.type = 'submit';
    send.textContent = 'Save and send';
    const cancel = this.#button('Cancel', undefined, () => {
      form.replaceWith(message);
      turn.querySelector<HTMLButtonElement>('.actions button')?.focus();
    });
    const buttons = this.#document.createElement('div');
    buttons.className = 'edit-buttons';
    buttons.append(cancel, send);
    form.append(field, buttons);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = field.value.trim();
      if (text !== '') this.#actions.resend(entry, text);
    });
    field.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        form.requestSubmit();
      } else if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        cancel.click();
      }
    });
    message.replaceWith(form);
    field.focus();
  }

  /** Regenerate sits on the last turn when it is a reply or an error, after a question. */
  #refreshRegenerate(): void {
    for (const button of this.#log.querySelectorAll('.regenerate')) button.remove();
    const last = this.#entries.at(-1);
    if (last === undefined || last.role === 'user') return;
    if (!this.#entries.some((entry) => entry.role === 'user')) return;
    const button = this.#button('Regenerate', 'Regenerate the reply', () =>
      this.#actions.regenerate(),
    );
    button.classList.add('regenerate');
    this.#turns.get(last)?.querySelector('.actions')?.append(button);
  }

  /** Runs `update`, then keeps the log scrolled to the end if it was there before. */
  #follow(update: () => void): void {
    const atEnd = this.#log.scrollHeight - this.#log.scrollTop - this.#log.clientHeight < 48;
    update();
    if (atEnd) this.scrollToEnd();
  }

  #button(text: string, label: string | undefined, onClick: () => void): HTMLButtonElement {
    const button = this.#document.createElement('button');
    button.type = 'button';
    button.textContent = text;
    if (label !== undefined) button.setAttribute('aria-label', label);
    button.addEventListener('click', onClick);
    return button;
  }
}
