import { useCallback, useState } from 'react';
import type { ChatMessage, ChatViewer } from '../../shared/domain/chat.js';
import { useStudioEvent } from '../api/studio-context.js';
import { useStudioFeed, useStudioValue } from '../api/studio-value.js';
import { ChatStore } from './chat-store.js';

export interface ChatFeed {
  /** The messages, outside React state: read them with useSyncExternalStore (`useChatSnapshot`). */
  readonly store: ChatStore;
  /** The chat could not be loaded (the list still fills from live events). */
  readonly loadError: string | null;
  readonly viewers: readonly ChatViewer[];
  readonly pinned: ChatMessage | null;
  /** Merges what an action returned, so the console updates before the event arrives. */
  readonly apply: (messages: readonly ChatMessage[]) => void;
  readonly setPinned: (message: ChatMessage | null) => void;
  readonly applyViewer: (viewer: ChatViewer) => void;
}

const NO_VIEWERS: readonly ChatViewer[] = [];

/**
 * The show's chat for the console: loads what main has (also after a crash),
 * then follows the batched `chatMessages` events into a ChatStore. A read
 * answered after newer events only adds the messages they did not bring
 * (`fill`), so it never turns an approved message back into a held one.
 * Whoever shows the messages subscribes to the store; the panel holding the
 * feed does not re-render for them.
 */
export function useChatFeed(): ChatFeed {
  const [store] = useState(() => new ChatStore());
  const messages = useStudioFeed({
    event: 'chatMessages',
    read: (api) => api.getChat({ limit: 5000 }),
    onEvent: (batch) => store.upsert(batch),
    onRead: (log, stale) => {
      const all = [...log.messages, ...log.held];
      if (stale) store.fill(all);
      else store.upsert(all);
    },
  });
  const viewers = useStudioValue({ event: 'chatViewersChanged', read: (api) => api.listChatViewers() });
  const [pinned, setPinned] = useState<ChatMessage | null>(null);
  useStudioEvent('chatPinnedMessage', setPinned);

  const { touch } = messages;
  const apply = useCallback(
    (changed: readonly ChatMessage[]) => {
      // Newer than any read on its way: that read may then only add messages.
      if (store.upsert(changed)) touch();
    },
    [store, touch],
  );

  const { set: setViewers, latest: latestViewers } = viewers;
  const applyViewer = useCallback(
    (viewer: ChatViewer) => {
      const list = latestViewers() ?? [];
      const at = list.findIndex((v) => v.viewerId === viewer.viewerId);
      setViewers(at < 0 ? [...list, viewer] : list.map((v, i) => (i === at ? viewer : v)));
    },
    [latestViewers, setViewers],
  );

  return { store, loadError: messages.error, viewers: viewers.value ?? NO_VIEWERS, pinned, apply, setPinned, applyViewer };
}
