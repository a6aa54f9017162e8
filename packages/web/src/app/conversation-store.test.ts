import { describe, expect, it } from 'vitest';
import {
  type ChatEntry,
  ConversationStore,
  conversationTitle,
  MAX_CONVERSATIONS,
} from './conversation-store.js';

/** A `Storage` held in a map, refusing any write that would take it past `quota` characters. */
class MemoryStorage implements Storage {
  readonly items = new Map<string, string>();
  constructor(readonly quota = Number.POSITIVE_INFINITY) {}
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    const others = [...this.items].filter(([other]) => other !== key);
    const used = others.reduce((sum, [name, text]) => sum + name.length + text.length, 0);
    if (used + key.length + value.length > this.quota) {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    }
    this.items.set(key, value);
  }
}

/** Asks `question` in the current conversation and marks it changed, as the page does. */
function ask(store: ConversationStore, question: string): void {
  const entries: ChatEntry[] = [
    { role: 'user', content: question },
    { role: 'assistant', content: `About ${question}.` },
  ];
  store.current.entries.push(...entries);
  store.touch(store.current);
}

describe('ConversationStore', () => {
  it('starts with one empty conversation and keeps what is asked across a reload', () => {
    const storage = new MemoryStorage();
    const store = new ConversationStore(storage);
    expect(store.conversations).toHaveLength(1);
    expect(store.current.entries).toEqual([]);
    ask(store, 'First?');
    store.settings.model = 'free2gpt/gemini-1.5-pro';
    store.settings.apiKey = 'sesame';
    store.saveSettings();

    const again = new ConversationStore(storage);
    expect(again.current.entries.map((entry) => entry.content)).toEqual([
      'First?',
      'About First?.',
    ]);
    expect(again.settings).toEqual({ model: 'free2gpt/gemini-1.5-pro', apiKey: 'sesame' });
  });

  it('lists conversations most recently changed first, and switches between them', () => {
    const storage = new MemoryStorage();
    const store = new ConversationStore(storage);
    ask(store, 'One?');
    const first = store.current.id;
    store.startNew();
    ask(store, 'Two?');
    expect(store.conversations.map(conversationTitle)).toEqual(['Two?', 'One?']);
    expect(store.select(first)).toBe(true);
    ask(store, 'One again?');
    expect(store.conversations.map(conversationTitle)).toEqual(['One?', 'Two?']);
    expect(new ConversationStore(storage).current.id).toBe(first);
    expect(store.select('unknown')).toBe(false);
  });

  it('keeps a single empty conversation: New chat on an empty one stays on it', () => {
    const store = new ConversationStore(new MemoryStorage());
    const empty = store.current;
    expect(store.startNew()).toBe(empty);
    ask(store, 'Something?');
    store.startNew();
    const second = store.current;
    store.select(empty.id);
    // Leaving an empty conversation drops it.
    expect(store.conversations.map((conversation) => conversation.id)).not.toContain(second.id);
  });

  it('renames, and an empty name goes back to the first question', () => {
    const storage = new MemoryStorage();
    const store = new ConversationStore(storage);
    ask(store, 'What is the capital of France?\nAnd of Spain?');
    expect(conversationTitle(store.current)).toBe('What is the capital of France?');
    store.rename(store.current.id, '  Capitals  ');
    expect(conversationTitle(new ConversationStore(storage).current)).toBe('Capitals');
    store.rename(store.current.id, ' ');
    expect(conversationTitle(store.current)).toBe('What is the capital of France?');
    expect(conversationTitle({ id: 'x', updated: 0, entries: [] })).toBe('New chat');
    const long = {
      id: 'y',
      updated: 0,
      entries: [{ role: 'user' as const, content: 'word '.repeat(30) }],
    };
    expect(conversationTitle(long)).toMatch(/^word( word)*…$/);
    expect(conversationTitle(long).length).toBeLessThanOrEqual(60);
  });

  it('deletes, moving to the most recent other conversation or a new one', () => {
    const store = new ConversationStore(new MemoryStorage());
    ask(store, 'Old?');
    const old = store.current;
    store.startNew();
    ask(store, 'New?');
    store.delete(store.current.id);
    expect(store.current).toBe(old);
    store.delete(old.id);
    expect(store.conversations).toHaveLength(1);
    expect(store.current.entries).toEqual([]);
    // A reply that ends after its conversation was deleted does not bring it back.
    store.touch(old);
    expect(store.conversations).not.toContain(old);
  });

  it(`keeps at most ${MAX_CONVERSATIONS} conversations, dropping the least recently changed`, () => {
    const storage = new MemoryStorage();
    const store = new ConversationStore(storage);
    for (let index = 0; index < MAX_CONVERSATIONS + 5; index += 1) {
      store.startNew();
      ask(store, `Question ${index}?`);
    }
    expect(store.conversations).toHaveLength(MAX_CONVERSATIONS);
    expect(conversationTitle(store.conversations.at(-1)!)).toBe('Question 5?');
    expect(new ConversationStore(storage).conversations).toHaveLength(MAX_CONVERSATIONS);
  });

  it('drops the oldest conversations when the storage is full, never the current one', () => {
    const storage = new MemoryStorage(2_000);
    const store = new ConversationStore(storage);
    for (let index = 0; index < 10; index += 1) {
      store.startNew();
      ask(store, `Question ${index} ${'x'.repeat(200)}`);
    }
    const kept = store.conversations.map(conversationTitle);
    expect(kept.length).toBeLessThan(10);
    expect(kept[0]).toMatch(/^Question 9 /);
    // The newest ones are kept, in order.
    expect(kept).toEqual(
      Array.from({ length: kept.length }, (_, index) =>
        expect.stringMatching(new RegExp(`^Question ${9 - index} `)),
      ),
    );
    expect(new ConversationStore(storage).conversations.map(conversationTitle)).toEqual(kept);
    // Even a conversation too large to keep stays usable on screen.
    ask(store, 'y'.repeat(5_000));
    expect(store.current.entries.at(-2)?.content).toBe('y'.repeat(5_000));
  });

  it('works without a storage, and reads anything unreadable as nothing', () => {
    const store = new ConversationStore(undefined);
    ask(store, 'Kept nowhere?');
    expect(store.current.entries).toHaveLength(2);
    const storage = new MemoryStorage();
    storage.setItem('freechat.conversations', '{not json');
    storage.setItem('freechat.settings', '[1,2]');
    expect(new ConversationStore(storage).conversations).toHaveLength(1);
    storage.setItem(
      'freechat.conversations',
      JSON.stringify({
        conversations: [
          {
            id: 'a',
            updated: 1,
            entries: [
              { role: 'system', content: 'x' },
              { role: 'user', content: 'Hi', toolCalls: [{ id: 1 }] },
            ],
          },
          { id: 7, entries: [] },
        ],
      }),
    );
    const read = new ConversationStore(storage);
    expect(read.conversations.map((conversation) => conversation.id)).toEqual(['a']);
    expect(read.current.entries).toEqual([{ role: 'user', content: 'Hi', toolCalls: [] }]);
  });

  it('takes the single chat kept before there was a list into the list, once', () => {
    const storage = new MemoryStorage();
    storage.setItem(
      'freechat.chat',
      JSON.stringify({
        model: 'gemini-1.5-pro',
        apiKey: 'sesame',
        entries: [
          { role: 'user', content: 'Before?' },
          { role: 'assistant', content: 'Yes.', status: 'stopped' },
        ],
      }),
    );
    const store = new ConversationStore(storage);
    expect(store.current.entries).toEqual([
      { role: 'user', content: 'Before?' },
      { role: 'assistant', content: 'Yes.', status: 'stopped' },
    ]);
    expect(store.settings).toEqual({ model: 'gemini-1.5-pro', apiKey: 'sesame' });
    expect(storage.getItem('freechat.chat')).toBeNull();
    expect(new ConversationStore(storage).conversations).toHaveLength(1);
  });
});
