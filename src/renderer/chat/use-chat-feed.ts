import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChatMessage, ChatViewer } from '../../shared/domain/chat.js';
import { useStudio, useStudioEvent } from '../api/studio-context.js';
import { ChatStore, type ChatSnapshot } from './chat-store.js';

export interface ChatFeed {
  readonly store: ChatStore;
  readonly snapshot: ChatSnapshot;
  /** The chat could not be loaded (the list still fills from live events). */
  readonly loadError: string | null;
  readonly viewers: readonly ChatViewer[];
  readonly pinned: ChatMessage | null;
  /** Merges what an action returned, so the console updates before the event arrives. */
  readonly apply: (messages: readonly ChatMessage[]) => void;
  readonly setPinned: (message: ChatMessage | null) => void;
  readonly applyViewer: (viewer: ChatViewer) => void;
}

/**
 * The show's chat for the console: loads what main has (also after a crash),
 * then follows the batched `chatMessages` events. Messages live in a
 * ChatStore; React re-renders at most once per animation frame however
 * many batches arrived in between.
 */
export function useChatFeed(): ChatFeed {
  const studio = useStudio();
  const storeRef = useRef<ChatStore | null>(null);
  storeRef.current ??= new ChatStore();
  const store = storeRef.current;
  const [snapshot, setSnapshot] = useState<ChatSnapshot>(() => store.current());
  const [loadError, setLoadError] = useState<string | null>(null);
  const [viewers, setViewers] = useState<readonly ChatViewer[]>([]);
  const [pinned, setPinned] = useState<ChatMessage | null>(null);
  const frame = useRef<number | null>(null);

  const scheduleRender = useCallback(() => {
    if (frame.current !== null) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = null;
      setSnapshot(store.current());
    });
  }, [store]);
  useEffect(
    () => () => {
      if (frame.current !== null) cancelAnimationFrame(frame.current);
      frame.current = null;
    },
    [],
  );

  const apply = useCallback(
    (messages: readonly ChatMessage[]) => {
      if (store.upsert(messages)) scheduleRender();
    },
    [store, scheduleRender],
  );

  useStudioEvent('chatMessages', apply);
  useStudioEvent('chatViewersChanged', (list) => setViewers(list));
  useStudioEvent('chatPinnedMessage', (message) => setPinned(message));

  useEffect(() => {
    let live = true;
    void studio.getChat({ limit: 5000 }).then((result) => {
      if (!live) return;
      if (result.ok) apply([...result.value.messages, ...result.value.held]);
      setLoadError(result.ok ? null : result.error.message);
    });
    void studio.listChatViewers().then((result) => {
      if (live && result.ok) setViewers(result.value);
    });
    return () => {
      live = false;
    };
  }, [studio, apply]);

  const applyViewer = useCallback((viewer: ChatViewer) => {
    setViewers((list) => {
      const at = list.findIndex((v) => v.viewerId === viewer.viewerId);
      return at < 0 ? [...list, viewer] : list.map((v, i) => (i === at ? viewer : v));
    });
  }, []);

  return { store, snapshot, loadError, viewers, pinned, apply, setPinned, applyViewer };
}
