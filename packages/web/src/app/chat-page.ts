import { type ApiMessage, type ApiModel, ChatApi } from './chat-api.js';
import { ChatApiError } from './chat-api-error.js';
import { type ChatEntry, loadChat, type SavedChat, saveChat } from './chat-history.js';
import { renderMarkdown } from './chat-markdown.js';

/** The owner of the bare model ids, which the server serves with a fallback chain. */
const FALLBACK_OWNER = 'freechat';

/**
 * The chat page: loads the models, sends the conversation (kept in the browser) and streams each
 * reply into the log. `document.body.dataset.state` says where it is: `loading`, `idle`,
 * `streaming` or `unavailable` (the models could not be loaded).
 */
export class ChatPage {
  readonly #document: Document;
  readonly #chat: SavedChat = loadChat();
  readonly #api = new ChatApi(() => this.#chat.apiKey);
  readonly #log: HTMLElement;
  readonly #empty: HTMLElement;
  readonly #notice: HTMLElement;
  readonly #model: HTMLSelectElement;
  readonly #prompt: HTMLTextAreaElement;
  readonly #send: HTMLButtonElement;
  readonly #stop: HTMLButtonElement;
  readonly #apiKey: HTMLInputElement;
  readonly #settings: HTMLDetailsElement;
  #reply: AbortController | undefined;

  constructor(document: Document) {
    this.#document = document;
    this.#log = this.#element('log');
    this.#empty = this.#element('empty');
    this.#notice = this.#element('notice');
    this.#model = this.#element('model');
    this.#prompt = this.#element('prompt');
    this.#send = this.#element('send');
    this.#stop = this.#element('stop');
    this.#apiKey = this.#element('api-key');
    this.#settings = this.#element('settings');
  }

  /** Shows the saved conversation, wires the controls and loads the models. */
  start(): void {
    for (const entry of this.#chat.entries) this.#log.append(this.#entryElement(entry));
    this.#empty.hidden = this.#chat.entries.length > 0;
    this.#apiKey.value = this.#chat.apiKey;
    this.#element<HTMLFormElement>('composer').addEventListener('submit', (event) => {
      event.preventDefault();
      void this.#ask();
    });
    this.#prompt.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.#send.click();
      }
    });
    this.#prompt.addEventListener('input', () => this.#fitPrompt());
    this.#stop.addEventListener('click', () => this.#reply?.abort());
    this.#element('new-chat').addEventListener('click', () => this.#newChat());
    this.#model.addEventListener('change', () => {
      this.#chat.model = this.#model.value;
      saveChat(this.#chat);
    });
    this.#apiKey.addEventListener('change', () => {
      this.#chat.apiKey = this.#apiKey.value.trim();
      saveChat(this.#chat);
      void this.#loadModels();
    });
    this.#scrollToEnd();
    void this.#loadModels();
  }

  async #loadModels(): Promise<void> {
    this.#setState('loading');
    try {
      this.#showModels(await this.#api.models());
      this.#showNotice(undefined);
      this.#setState('idle');
    } catch (error) {
      this.#showNotice(`Cannot load the models: ${(error as Error).message}`);
      if (error instanceof ChatApiError && error.status === 401) this.#settings.open = true;
      this.#setState('unavailable');
    }
  }

  #showModels(models: readonly ApiModel[]): void {
    const groups = new Map<string, HTMLOptGroupElement>();
    for (const model of models) {
      let group = groups.get(model.owned_by);
      if (group === undefined) {
        group = this.#document.createElement('optgroup');
        group.label =
          model.owned_by === FALLBACK_OWNER ? 'Any provider (fallback)' : model.owned_by;
        groups.set(model.owned_by, group);
      }
      group.append(new Option(model.id, model.id));
    }
    // The fallback chain first: it is what a newcomer wants.
    const ordered = [...groups].sort(
      ([a], [b]) => Number(b === FALLBACK_OWNER) - Number(a === FALLBACK_OWNER),
    );
    this.#model.replaceChildren(...ordered.map(([, group]) => group));
    const saved = models.find((model) => model.id === this.#chat.model);
    if (saved !== undefined) this.#model.value = saved.id;
    this.#model.disabled = models.length === 0;
  }

  async #ask(): Promise<void> {
    const question = this.#prompt.value.trim();
    if (question === '' || this.#reply !== undefined) return;
    if (this.#model.disabled) {
      this.#showNotice('No model to ask: the models could not be loaded.');
      return;
    }
    this.#prompt.value = '';
    this.#fitPrompt();
    this.#add({ role: 'user', content: question });
    const history: ApiMessage[] = this.#chat.entries.flatMap((entry) =>
      entry.role !== 'error' && entry.content !== ''
        ? [{ role: entry.role, content: entry.content }]
        : [],
    );
    const reply: ChatEntry = { role: 'assistant', content: '' };
    const element = this.#add(reply);
    element.dataset.status = 'streaming';
    const controller = new AbortController();
    this.#reply = controller;
    this.#setState('streaming');
    try {
      const finish = await this.#api.stream(
        this.#model.value,
        history,
        (text) => {
          reply.content += text;
          this.#follow(() => this.#renderReply(element, reply));
        },
        controller.signal,
      );
      element.dataset.status = finish === 'length' ? 'length' : 'done';
    } catch (error) {
      if (controller.signal.aborted) {
        reply.status = 'stopped';
        element.dataset.status = 'stopped';
      } else {
        element.dataset.status = 'failed';
        if (reply.content === '') this.#remove(reply, element);
        this.#add({ role: 'error', content: (error as Error).message });
      }
    } finally {
      this.#renderReply(element, reply);
      this.#reply = undefined;
      saveChat(this.#chat);
      this.#setState('idle');
      this.#prompt.focus();
    }
  }

  #newChat(): void {
    this.#reply?.abort();
    this.#chat.entries = [];
    saveChat(this.#chat);
    this.#log.replaceChildren(this.#empty);
    this.#empty.hidden = false;
    this.#showNotice(undefined);
    this.#prompt.focus();
  }

  #add(entry: ChatEntry): HTMLElement {
    this.#chat.entries.push(entry);
    saveChat(this.#chat);
    this.#empty.hidden = true;
    const element = this.#entryElement(entry);
    this.#log.append(element);
    this.#scrollToEnd();
    return element;
  }

  #remove(entry: ChatEntry, element: HTMLElement): void {
    this.#chat.entries = this.#chat.entries.filter((candidate) => candidate !== entry);
    element.remove();
  }

  #entryElement(entry: ChatEntry): HTMLElement {
    const element = this.#document.createElement('article');
    element.className = `message ${entry.role}`;
    if (entry.role === 'assistant') {
      element.dataset.status = entry.status ?? 'done';
      this.#renderReply(element, entry);
    } else {
      element.textContent = entry.content;
      if (entry.role === 'error') element.setAttribute('role', 'alert');
    }
    return element;
  }

  /** The reply's Markdown (escaped by the renderer, so the model's text never becomes markup). */
  #renderReply(element: HTMLElement, reply: ChatEntry): void {
    element.innerHTML = renderMarkdown(reply.content);
    if (reply.status === 'stopped') {
      const note = this.#document.createElement('p');
      note.className = 'note';
      note.textContent = 'Stopped.';
      element.append(note);
    }
  }

  /** Runs `update`, then keeps the log scrolled to the end if it was there before. */
  #follow(update: () => void): void {
    const atEnd = this.#log.scrollHeight - this.#log.scrollTop - this.#log.clientHeight < 48;
    update();
    if (atEnd) this.#scrollToEnd();
  }

  #scrollToEnd(): void {
    this.#log.scrollTop = this.#log.scrollHeight;
  }

  #fitPrompt(): void {
    this.#prompt.style.height = 'auto';
    this.#prompt.style.height = `${this.#prompt.scrollHeight}px`;
  }

  #showNotice(message: string | undefined): void {
    this.#notice.textContent = message ?? '';
    this.#notice.hidden = message === undefined;
  }

  #setState(state: 'loading' | 'idle' | 'streaming' | 'unavailable'): void {
    this.#document.body.dataset.state = state;
    const streaming = state === 'streaming';
    this.#send.hidden = streaming;
    this.#stop.hidden = !streaming;
    this.#model.disabled = streaming || this.#model.options.length === 0 || state === 'unavailable';
  }

  #element<T extends HTMLElement = HTMLElement>(id: string): T {
    return this.#document.getElementById(id) as T;
  }
}
