import { type Conversation, conversationTitle } from './conversation-store.js';

/** What the list asks of the page. */
export interface ConversationListActions {
  /** Open a conversation. */
  select(id: string): void;
  /** Give a conversation a name (empty: back to its first question). */
  rename(id: string, title: string): void;
  /** Delete a conversation (the page asks first). */
  delete(id: string): void;
}

/**
 * The list of conversations: each one a button that opens it, with Rename (the name becomes a text
 * field: Enter keeps it, Escape leaves it as it was) and Delete.
 */
export class ConversationList {
  readonly #document: Document;
  readonly #list: HTMLElement;
  readonly #actions: ConversationListActions;

  constructor(document: Document, list: HTMLElement, actions: ConversationListActions) {
    this.#document = document;
    this.#list = list;
    this.#actions = actions;
  }

  /** Shows `conversations` (most recent first), `currentId` marked as the one on screen. */
  show(conversations: readonly Conversation[], currentId: string): void {
    this.#list.replaceChildren(
      ...conversations.map((conversation) =>
        this.#item(conversation, conversation.id === currentId),
      ),
    );
  }

  #item(conversation: Conversation, current: boolean): HTMLLIElement {
    const title = conversationTitle(conversation);
    const item = this.#document.createElement('li');
    item.className = 'conversation';
    item.dataset.id = conversation.id;
    const open = this.#button('open', title, undefined, () =>
      this.#actions.select(conversation.id),
    );
    if (current) {
      item.dataset.current = '';
      open.setAttribute('aria-current', 'true');
    }
    const rename = this.#button('icon rename', 'Rename', `Rename “${title}”`, () =>
      this.#startRenaming(open, conversation),
    );
    const remove = this.#button('icon delete', 'Delete', `Delete “${title}”`, () =>
      this.#actions.delete(conversation.id),
    );
    item.append(open, rename, remove);
    return item;
  }

  #startRenaming(open: HTMLButtonElement, conversation: Conversation): void {
    const field = this.#document.createElement('input');
    field.className = 'rename-field';
    field.value = conversationTitle(conversation);
    field.setAttribute('aria-label', 'Conversation name');
    field.maxLength = 200;
    let finished = false;
    const finish = (keep: boolean) => {
      if (finished) return;
      finished = true;
      if (keep) this.#actions.rename(conversation.id, field.value);
      else field.replaceWith(open);
      // Renaming shows the list again: focus goes back to the Rename button of the same conversation.
      this.#list
        .querySelector<HTMLButtonElement>(`[data-id="${CSS.escape(conversation.id)}"] .rename`)
        ?.focus();
    };
    field.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.isComposing) {
        event.preventDefault();
        finish(true);
      } else if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        finish(false);
      }
    });
    field.addEventListener('blur', () => finish(true));
    open.replaceWith(field);
    field.focus();
    field.select();
  }

  #button(
    className: string,
    text: string,
    label: string | undefined,
    onClick: () => void,
  ): HTMLButtonElement {
    const button = this.#document.createElement('button');
    button.type = 'button';
    button.className = className;
    button.textContent = text;
    if (label !== undefined) {
      button.setAttribute('aria-label', label);
      button.title = label;
    }
    button.addEventListener('click', onClick);
    return button;
  }
}
