import type { ToolCall } from './tool-calls.js';

/** One entry of a conversation as the page shows it. */
export interface ChatEntry {
  /** `error` entries are shown but never sent to the server. */
  role: 'user' | 'assistant' | 'error';
  content: string;
  /** For a reply: `stopped` when the stop button cut it short. */
  status?: 'stopped';
  /** For a reply: the tools the model asked to call, as streamed. */
  toolCalls?: ToolCall[];
}

/** One conversation of the list. */
export interface Conversation {
  /** Random, for the page's own use. */
  id: string;
  /** The name given with Rename; without one, the list shows the first question. */
  title?: string;
  /** `Date.now()` of the last change: the list is ordered by it, most recent first. */
  updated: number;
  entries: ChatEntry[];
}

/** The settings kept beside the conversations. */
export interface ChatSettings {
  model: string | undefined;
  apiKey: string;
}

/** At most this many conversations are kept; past it, the least recently changed ones go. */
export const MAX_CONVERSATIONS = 50;

/** The longest title shown for a conversation that was not renamed (its first question, cut). */
const DERIVED_TITLE_LENGTH = 60;

const CONVERSATIONS_KEY = 'freechat.conversations';
const SETTINGS_KEY = 'freechat.settings';
/** The single chat kept before there was a list; read once into the list, then removed. */
const SINGLE_CHAT_KEY = 'freechat.chat';

/**
 * The conversations and settings kept in the browser (`localStorage`, or any `Storage`). It holds at
 * most {@link MAX_CONVERSATIONS}; when the storage is full, the least recently changed conversations
 * are dropped until the rest fits (the current one is kept last). Without a usable storage the page
 * still works; nothing is kept.
 */
export class ConversationStore {
  readonly #storage: Storage | undefined;
  /** Most recently changed first. */
  #conversations: Conversation[];
  #currentId: string;
  readonly settings: ChatSettings;

  /** Reads what `storage` holds; anything unreadable counts as nothing. */
  constructor(storage: Storage | undefined) {
    this.#storage = storage;
    const saved = readJson(storage, CONVERSATIONS_KEY) as
      | { current?: unknown; conversations?: unknown }
      | undefined;
    const conversations = Array.isArray(saved?.conversations)
      ? saved.conversations.flatMap(toConversation)
      : [];
    const settings = readJson(storage, SETTINGS_KEY) as Partial<ChatSettings> | undefined;
    const single = readJson(storage, SINGLE_CHAT_KEY) as
      | (Partial<ChatSettings> & { entries?: unknown })
      | undefined;
    const singleEntries = Array.isArray(single?.entries) ? single.entries.flatMap(toEntry) : [];
    if (singleEntries.length > 0) {
      conversations.push({ id: newId(), updated: Date.now(), entries: singleEntries });
    }
    this.settings = {
      model: stringOr(settings?.model, stringOr(single?.model, undefined)),
      apiKey: stringOr(settings?.apiKey, stringOr(single?.apiKey, '')),
    };
    this.#conversations = conversations
      .sort((a, b) => b.updated - a.updated)
      .slice(0, MAX_CONVERSATIONS);
    const current = this.#conversations.find(({ id }) => id === saved?.current);
    this.#currentId = current?.id ?? this.#conversations[0]?.id ?? this.#create().id;
    if (single !== undefined) {
      this.save();
      this.saveSettings();
      remove(storage, SINGLE_CHAT_KEY);
    }
  }

  /** Every conversation, most recently changed first. */
  get conversations(): readonly Conversation[] {
    return this.#conversations;
  }

  /** The conversation on screen. */
  get current(): Conversation {
    return this.#conversations.find(({ id }) => id === this.#currentId)!;
  }

  /** Makes `id` the current conversation; returns false for an unknown id. */
  select(id: string): boolean {
    if (!this.#conversations.some((conversation) => conversation.id === id)) return false;
    this.#currentId = id;
    this.#dropEmpty();
    this.save();
    return true;
  }

  /** Starts a new, empty conversation (or stays on the current one when it is still empty). */
  startNew(): Conversation {
    if (this.current.entries.length > 0) {
      this.#currentId = this.#create().id;
      this.save();
    }
    return this.current;
  }

  /** Names a conversation; an empty name goes back to the first question. */
  rename(id: string, title: string): void {
    const conversation = this.#conversations.find((candidate) => candidate.id === id);
    if (conversation === undefined) return;
    const trimmed = title.trim();
    if (trimmed === '') delete conversation.title;
    else conversation.title = trimmed;
    this.save();
  }

  /** Deletes a conversation; deleting the current one moves to the most recent other, or a new one. */
  delete(id: string): void {
    this.#conversations = this.#conversations.filter((conversation) => conversation.id !== id);
    if (id === this.#currentId) this.#currentId = this.#conversations[0]?.id ?? this.#create().id;
    this.save();
  }

  /**
   * Marks a conversation as just changed (first in the list) and saves everything. A conversation no
   * longer in the list (deleted while its reply streamed) stays deleted.
   */
  touch(conversation: Conversation): void {
    if (!this.#conversations.includes(conversation)) return;
    conversation.updated = Math.max(Date.now(), (this.#conversations[0]?.updated ?? 0) + 1);
    this.#conversations = [
      conversation,
      ...this.#conversations.filter((other) => other !== conversation),
    ];
    this.save();
  }

  /**
   * Saves the conversations. Past the bound, or when the storage refuses them (full, private
   * browsing), the least recently changed ones other than the current are dropped and it tries again.
   */
  save(): void {
    if (this.#storage === undefined) return;
    const current = this.current;
    const others = this.#conversations.filter((conversation) => conversation !== current);
    while (others.length + 1 > MAX_CONVERSATIONS) others.pop();
    for (;;) {
      const kept = this.#conversations.filter(
        (conversation) => conversation === current || others.includes(conversation),
      );
      if (write(this.#storage, CONVERSATIONS_KEY, { current: current.id, conversations: kept })) {
        this.#conversations = kept;
        return;
      }
      if (others.length === 0) return;
      others.pop();
    }
  }

  /** Saves the model and API key. */
  saveSettings(): void {
    write(this.#storage, SETTINGS_KEY, this.settings);
  }

  #create(): Conversation {
    const conversation: Conversation = { id: newId(), updated: Date.now(), entries: [] };
    this.#conversations.unshift(conversation);
    return conversation;
  }

  /** Conversations without a message are not kept, unless they are on screen. */
  #dropEmpty(): void {
    this.#conversations = this.#conversations.filter(
      (conversation) => conversation.entries.length > 0 || conversation.id === this.#currentId,
    );
  }
}

/** What the list shows for a conversation: its name, its first question, or `New chat`. */
export function conversationTitle(conversation: Conversation): string {
  if (conversation.title !== undefined) return conversation.title;
  const question = conversation.entries.find((entry) => entry.role === 'user')?.content.trim();
  if (question === undefined || question === '') return 'New chat';
  const line = question.split('\n', 1)[0]!.replace(/\s+/g, ' ');
  return line.length > DERIVED_TITLE_LENGTH
    ? `${line.slice(0, DERIVED_TITLE_LENGTH - 1).trimEnd()}…`
    : line;
}

/** A random id; `crypto.getRandomValues` works outside secure contexts too (unlike `randomUUID`). */
function newId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function toConversation(value: unknown): Conversation[] {
  const saved = value as Partial<Conversation> | null;
  if (typeof saved !== 'object' || saved === null || typeof saved.id !== 'string') return [];
  if (!Array.isArray(saved.entries)) return [];
  return [
    {
      id: saved.id,
      ...(typeof saved.title === 'string' && saved.title !== '' ? { title: saved.title } : {}),
      updated:
        typeof saved.updated === 'number' && Number.isFinite(saved.updated) ? saved.updated : 0,
      entries: saved.entries.flatMap(toEntry),
    },
  ];
}

/** The entry `value` holds, without what it should not (an entry as it was saved by hand, say). */
function toEntry(value: unknown): ChatEntry[] {
  const saved = value as Partial<ChatEntry> | null;
  if (typeof saved !== 'object' || saved === null || typeof saved.content !== 'string') return [];
  if (saved.role !== 'user' && saved.role !== 'assistant' && saved.role !== 'error') return [];
  const entry: ChatEntry = { role: saved.role, content: saved.content };
  if (saved.status === 'stopped') entry.status = 'stopped';
  if (Array.isArray(saved.toolCalls)) entry.toolCalls = saved.toolCalls.filter(isToolCall);
  return [entry];
}

function isToolCall(value: unknown): value is ToolCall {
  const call = value as ToolCall | null;
  return (
    typeof call === 'object' &&
    call !== null &&
    typeof call.id === 'string' &&
    typeof call.name === 'string' &&
    typeof call.arguments === 'string'
  );
}

function stringOr<T>(value: unknown, fallback: T): string | T {
  return typeof value === 'string' ? value : fallback;
}

function readJson(storage: Storage | undefined, key: string): unknown {
  try {
    const value = JSON.parse(storage?.getItem(key) ?? 'null') as unknown;
    return typeof value === 'object' && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the storage took the value. */
function write(storage: Storage | undefined, key: string, value: unknown): boolean {
  if (storage === undefined) return false;
  try {
    storage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

function remove(storage: Storage | undefined, key: string): void {
  try {
    storage?.removeItem(key);
  } catch {
    // Storage that cannot be written keeps nothing anyway.
  }
}
