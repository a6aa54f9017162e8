/** One entry of the conversation as the page shows it. */
export interface ChatEntry {
  /** `error` entries are shown but never sent to the server. */
  role: 'user' | 'assistant' | 'error';
  content: string;
  /** For a reply: `stopped` when the stop button cut it short. */
  status?: 'stopped';
}

/** What the browser keeps between visits (in `localStorage`). */
export interface SavedChat {
  model: string | undefined;
  apiKey: string;
  entries: ChatEntry[];
}

const STORAGE_KEY = 'freechat.chat';

/** The saved chat, or an empty one (also when storage is unavailable or holds something else). */
export function loadChat(): SavedChat {
  const empty: SavedChat = { model: undefined, apiKey: '', entries: [] };
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Partial<SavedChat>;
    if (saved === null || typeof saved !== 'object') return empty;
    return {
      model: typeof saved.model === 'string' ? saved.model : undefined,
      apiKey: typeof saved.apiKey === 'string' ? saved.apiKey : '',
      entries: Array.isArray(saved.entries) ? saved.entries.filter(isEntry) : [],
    };
  } catch {
    return empty;
  }
}

/** Saves the chat; a full or unavailable storage only loses the history. */
export function saveChat(chat: SavedChat): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(chat));
  } catch {
    // Private browsing or a full quota: the chat still works, it is just not kept.
  }
}

function isEntry(value: unknown): value is ChatEntry {
  const entry = value as ChatEntry;
  return (
    typeof entry === 'object' &&
    entry !== null &&
    (entry.role === 'user' || entry.role === 'assistant' || entry.role === 'error') &&
    typeof entry.content === 'string'
  );
}
