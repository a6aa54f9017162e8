import { type ApiMessage, type ApiProvider, ChatApi } from './chat-api.js';
import { ChatApiError } from './chat-api-error.js';
import { ChatLog } from './chat-log.js';
import { CodeBlocks } from './code-blocks.js';
import { ConversationList } from './conversation-list.js';
import { type ChatEntry, ConversationStore, conversationTitle } from './conversation-store.js';
import { type ModelGroup, modelGroups } from './model-options.js';
import type { ToolCall } from './tool-calls.js';

/** Said when the server wants an API key and none was given. */
const KEY_NEEDED =
  'This freechat server is protected by an API key. Enter the key you were given under “API key” below.';
/** Said when the server refused the key given. */
const KEY_REFUSED =
  'The freechat server did not accept this API key. Check it under “API key” below and save it again.';

/**
 * The chat page: the conversation list, the model list, and each question's reply streamed into the
 * log. `document.body.dataset.state` says where it is: `loading`, `idle`, `streaming` or
 * `unavailable` (the models could not be loaded).
 */
export class ChatPage {
  readonly #document: Document;
  readonly #store = new ConversationStore(browserStorage());
  readonly #api = new ChatApi(() => this.#store.settings.apiKey);
  readonly #log: ChatLog;
  readonly #list: ConversationList;
  readonly #notice: HTMLElement;
  readonly #status: HTMLElement;
  readonly #model: HTMLSelectElement;
  readonly #modelDescription: HTMLElement;
  readonly #prompt: HTMLTextAreaElement;
  readonly #send: HTMLButtonElement;
  readonly #stop: HTMLButtonElement;
  readonly #apiKey: HTMLInputElement;
  readonly #settings: HTMLDetailsElement;
  readonly #sidebarToggle: HTMLButtonElement;
  readonly #deleteDialog: HTMLDialogElement;
  #descriptions = new Map<string, string>();
  #reply: AbortController | undefined;
  /** The conversation the delete dialog asks about. */
  #deleting: string | undefined;

  constructor(document: Document) {
    this.#document = document;
    this.#notice = this.#element('notice');
    this.#status = this.#element('status');
    this.#model = this.#element('model');
    this.#modelDescription = this.#element('model-description');
    this.#prompt = this.#element('prompt');
    this.#send = this.#element('send');
    this.#stop = this.#element('stop');
    this.#apiKey = this.#element('api-key');
    this.#settings = this.#element('settings');
    this.#sidebarToggle = this.#element('show-conversations');
    this.#deleteDialog = this.#element('delete-dialog');
    const announce = (message: string) => this.#announce(message);
    this.#log = new ChatLog(
      document,
      this.#element('log'),
      this.#element('empty'),
      new CodeBlocks(document, announce),
      {
        resend: (entry, text) => this.#resend(entry, text),
        regenerate: () => this.#regenerate(),
        announce,
      },
    );
    this.#list = new ConversationList(document, this.#element('conversations'), {
      select: (id) => this.#select(id),
      rename: (id, title) => {
        this.#store.rename(id, title);
        this.#showList();
      },
      delete: (id) => this.#askToDelete(id),
    });
  }

  /** Shows the saved conversations, wires the controls, focuses the prompt and loads the models. */
  start(): void {
    this.#showConversation();
    this.#apiKey.value = this.#store.settings.apiKey;
    this.#element<HTMLFormElement>('composer').addEventListener('submit', (event) => {
      event.preventDefault();
      this.#askPrompt();
    });
    this.#prompt.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.#send.click();
      }
    });
    this.#prompt.addEventListener('input', () => this.#fitPrompt());
    this.#stop.addEventListener('click', () => this.#reply?.abort());
    this.#document.addEventListener('keydown', (event) => this.#onKey(event));
    this.#element('new-chat').addEventListener('click', () => this.#newChat());
    this.#sidebarToggle.addEventListener('click', () =>
      this.#showSidebar(this.#sidebarToggle.getAttribute('aria-expanded') !== 'true'),
    );
    this.#model.addEventListener('change', () => {
      this.#store.settings.model = this.#model.value;
      this.#store.saveSettings();
      this.#describeModel();
    });
    const saveKey = () => {
      const key = this.#apiKey.value.trim();
      if (
        key === this.#store.settings.apiKey &&
        this.#document.body.dataset.state !== 'unavailable'
      )
        return;
      this.#store.settings.apiKey = key;
      this.#store.saveSettings();
      void this.#loadModels();
    };
    this.#element<HTMLFormElement>('api-key-form').addEventListener('submit', (event) => {
      event.preventDefault();
      saveKey();
    });
    this.#apiKey.addEventListener('change', saveKey);
    this.#element('delete-cancel').addEventListener('click', () => this.#deleteDialog.close());
    this.#element('delete-confirm').addEventListener('click', () => this.#confirmDelete());
    this.#prompt.focus();
    void this.#loadModels();
  }

  async #loadModels(): Promise<void> {
    this.#setState('loading');
    try {
      const [models, providers] = await Promise.all([
        this.#api.models(),
        // Display names only: a server without the route still gets a model list.
        this.#api.providers().catch((): ApiProvider[] => []),
      ]);
      this.#showModels(modelGroups(models, providers));
      this.#showNotice(undefined);
      this.#setState('idle');
    } catch (error) {
      this.#showNotice(`Cannot load the models. ${this.#explain(error)}`);
      this.#setState('unavailable');
    }
  }

  #showModels(groups: readonly ModelGroup[]): void {
    this.#descriptions = new Map();
    this.#model.replaceChildren(
      ...groups.map((group) => {
        const element = this.#document.createElement('optgroup');
        element.label = group.label;
        for (const option of group.options) {
          element.append(new Option(option.label, option.value));
          this.#descriptions.set(option.value, option.description);
        }
        return element;
      }),
    );
    const saved = this.#store.settings.model;
    if (saved !== undefined && this.#descriptions.has(saved)) this.#model.value = saved;
    this.#describeModel();
  }

  #describeModel(): void {
    this.#modelDescription.textContent = this.#descriptions.get(this.#model.value) ?? '';
  }

  #askPrompt(): void {
    const question = this.#prompt.value.trim();
    if (question === '' || this.#reply !== undefined) return;
    // Disabled while the list loads, or when it could not be loaded (a reply is not streaming here).
    if (this.#model.disabled) {
      this.#showNotice('No model to ask yet: the model list has not loaded.');
      return;
    }
    this.#prompt.value = '';
    this.#fitPrompt();
    const entry: ChatEntry = { role: 'user', content: question };
    this.#store.current.entries.push(entry);
    this.#log.add(entry);
    void this.#streamReply();
  }

  /** Replaces a question, drops everything after it, and asks again. */
  #resend(entry: ChatEntry, text: string): void {
    if (this.#reply !== undefined) return;
    const entries = this.#store.current.entries;
    const index = entries.indexOf(entry);
    if (index === -1) return;
    entries.splice(index, entries.length - index, { role: 'user', content: text });
    this.#log.show(entries);
    void this.#streamReply();
  }

  /** Drops what followed the last question, and asks it again. */
  #regenerate(): void {
    if (this.#reply !== undefined) return;
    const entries = this.#store.current.entries;
    const last = entries.findLastIndex((entry) => entry.role === 'user');
    if (last === -1) return;
    for (const entry of entries.splice(last + 1)) this.#log.remove(entry);
    void this.#streamReply();
  }

  /** Asks the model for a reply to the current conversation and streams it into the log. */
  async #streamReply(): Promise<void> {
    const conversation = this.#store.current;
    const history: ApiMessage[] = conversation.entries.flatMap((entry) =>
      entry.role !== 'error' && entry.content !== ''
        ? [{ role: entry.role, content: entry.content }]
        : [],
    );
    const reply: ChatEntry = { role: 'assistant', content: '' };
    conversation.entries.push(reply);
    this.#store.touch(conversation);
    this.#showList();
    this.#log.add(reply);
    this.#log.update(reply, 'streaming');
    const controller = new AbortController();
    this.#reply = controller;
    this.#setState('streaming');
    let status = 'streaming';
    // The reply is drawn at most once a frame, however many pieces arrive in between.
    let frame = 0;
    const draw = () => {
      frame ||= requestAnimationFrame(() => {
        frame = 0;
        this.#log.update(reply, 'streaming');
      });
    };
    try {
      const listener = {
        text: (piece: string) => {
          reply.content += piece;
          draw();
        },
        toolCalls: (calls: readonly ToolCall[]) => {
          reply.toolCalls = calls.map((call) => ({ ...call }));
          draw();
        },
      };
      const finish = await this.#api.stream(
        this.#model.value,
        history,
        listener,
        controller.signal,
      );
      status = finish === 'length' ? 'length' : 'done';
    } catch (error) {
      if (controller.signal.aborted) {
        reply.status = 'stopped';
        status = 'stopped';
      } else {
        status = 'failed';
        if (reply.content === '' && reply.toolCalls === undefined) {
          conversation.entries.splice(conversation.entries.indexOf(reply), 1);
          this.#log.remove(reply);
        }
        const failure: ChatEntry = { role: 'error', content: this.#explain(error) };
        conversation.entries.push(failure);
        if (conversation === this.#store.current) this.#log.add(failure);
      }
    } finally {
      cancelAnimationFrame(frame);
      this.#log.update(reply, status);
      this.#reply = undefined;
      this.#store.touch(conversation);
      this.#setState('idle');
      if (this.#document.activeElement === this.#document.body) this.#prompt.focus();
    }
  }

  /**
   * What a person should read for a failure: the server's words, or what to do about a key (a 401
   * also opens the API key field).
   */
  #explain(error: unknown): string {
    if (error instanceof ChatApiError && error.status === 401) {
      this.#settings.open = true;
      return error.code === 'invalid_api_key' ? KEY_REFUSED : KEY_NEEDED;
    }
    return (error as Error).message;
  }

  #onKey(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    if (this.#deleteDialog.open) return;
    if (this.#reply !== undefined) {
      event.preventDefault();
      this.#reply.abort();
    } else if (this.#sidebarToggle.getAttribute('aria-expanded') === 'true') {
      this.#showSidebar(false);
      this.#sidebarToggle.focus();
    }
  }

  #newChat(): void {
    this.#reply?.abort();
    this.#store.startNew();
    this.#showConversation();
    this.#showSidebar(false);
    this.#prompt.focus();
  }

  #select(id: string): void {
    if (id !== this.#store.current.id) {
      this.#reply?.abort();
      this.#store.select(id);
      this.#showConversation();
    }
    this.#showSidebar(false);
    this.#prompt.focus();
  }

  #askToDelete(id: string): void {
    const conversation = this.#store.conversations.find((candidate) => candidate.id === id);
    if (conversation === undefined) return;
    this.#deleting = id;
    this.#element('delete-text').textContent =
      `“${conversationTitle(conversation)}” and its messages will be removed from this browser.`;
    this.#deleteDialog.showModal();
  }

  #confirmDelete(): void {
    this.#deleteDialog.close();
    const id = this.#deleting;
    if (id === undefined) return;
    const conversation = this.#store.conversations.find((candidate) => candidate.id === id);
    if (conversation === undefined) return;
    if (id === this.#store.current.id) this.#reply?.abort();
    this.#store.delete(id);
    this.#showConversation();
    this.#announce(`Deleted “${conversationTitle(conversation)}”.`);
    this.#prompt.focus();
  }

  #showConversation(): void {
    this.#log.show(this.#store.current.entries);
    this.#showList();
    this.#showNotice(undefined);
  }

  #showList(): void {
    this.#list.show(this.#store.conversations, this.#store.current.id);
  }

  /** Opens or closes the conversation list (a panel over the chat on a narrow screen). */
  #showSidebar(open: boolean): void {
    this.#sidebarToggle.setAttribute('aria-expanded', String(open));
    this.#document.body.toggleAttribute('data-sidebar-open', open);
  }

  #fitPrompt(): void {
    this.#prompt.style.height = 'auto';
    this.#prompt.style.height = `${this.#prompt.scrollHeight}px`;
  }

  #showNotice(message: string | undefined): void {
    this.#notice.textContent = message ?? '';
    this.#notice.hidden = message === undefined;
  }

  /** Says `message` to screen readers (the status region), once. */
  #announce(message: string): void {
    this.#status.textContent = '';
    this.#status.textContent = message;
  }

  #setState(state: 'loading' | 'idle' | 'streaming' | 'unavailable'): void {
    this.#document.body.dataset.state = state;
    const streaming = state === 'streaming';
    this.#send.hidden = streaming;
    this.#stop.hidden = !streaming;
    this.#element('log').setAttribute('aria-busy', String(streaming));
    this.#model.disabled = streaming || this.#model.options.length === 0 || state === 'unavailable';
  }

  #element<T extends HTMLElement = HTMLElement>(id: string): T {
    return this.#document.getElementById(id) as T;
  }
}

/** `localStorage`, or undefined where the browser refuses it (some private modes, sandboxed frames). */
function browserStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}
