import { useCallback, useMemo, useState } from 'react';
import type { Result } from '../../shared/api/result.js';
import type { ChatMessage, ChatViewer } from '../../shared/domain/chat.js';
import { useStudio } from '../api/studio-context.js';
import type { ChatFeed } from './use-chat-feed.js';

export type TimeoutSeconds = 10 | 60 | 600 | 3600 | 86400;

export interface ChatNotice {
  readonly kind: 'ok' | 'error';
  readonly text: string;
}

export interface ChatActions {
  approve(message: ChatMessage, allowListViewer?: boolean): void;
  reject(message: ChatMessage): void;
  remove(message: ChatMessage): void;
  markQuestion(message: ChatMessage, question: boolean): void;
  pin(message: ChatMessage | null): void;
  timeout(viewerId: string, name: string, seconds: TimeoutSeconds): void;
  ban(viewerId: string, name: string): void;
  unban(viewerId: string, name: string): void;
  setModerator(viewerId: string, name: string, moderator: boolean): void;
  sendHostMessage(text: string): Promise<boolean>;
  readonly notice: ChatNotice | null;
  dismissNotice(): void;
}

/**
 * Every moderation action the console offers. Results are merged into the
 * feed at once (the broadcast event follows); refusals become a notice in
 * the host's words.
 */
export function useChatActions(feed: ChatFeed): ChatActions {
  const studio = useStudio();
  const [notice, setNotice] = useState<ChatNotice | null>(null);
  const { apply, setPinned, applyViewer } = feed;

  const run = useCallback(
    async <T>(call: Promise<Result<T>>, onOk: (value: T) => void, okText?: string): Promise<boolean> => {
      const result = await call;
      if (!result.ok) {
        setNotice({ kind: 'error', text: result.error.message });
        return false;
      }
      onOk(result.value);
      setNotice(okText ? { kind: 'ok', text: okText } : null);
      return true;
    },
    [],
  );

  const one = useCallback((m: ChatMessage) => apply([m]), [apply]);
  const viewer = useCallback((v: ChatViewer) => applyViewer(v), [applyViewer]);

  const actions = useMemo(
    () => ({
      approve: (m: ChatMessage, allowListViewer = false) =>
        void run(
          studio.approveMessage({ messageId: m.id, allowListViewer }),
          one,
          allowListViewer ? `Approved; ${m.name}'s messages now skip the filters.` : undefined,
        ),
      reject: (m: ChatMessage) => void run(studio.rejectMessage({ messageId: m.id }), one),
      remove: (m: ChatMessage) => void run(studio.deleteMessage({ messageId: m.id }), one, `Deleted ${m.name}'s message.`),
      markQuestion: (m: ChatMessage, question: boolean) => void run(studio.markQuestion({ messageId: m.id, question }), one),
      pin: (m: ChatMessage | null) =>
        void run(studio.pinChatMessage({ messageId: m?.id ?? null }), (v) => setPinned(v.pinned), m ? 'Pinned for viewers.' : 'Unpinned.'),
      timeout: (viewerId: string, name: string, seconds: TimeoutSeconds) =>
        void run(studio.timeoutViewer({ viewerId, seconds }), viewer, `${name} is timed out.`),
      ban: (viewerId: string, name: string) => void run(studio.banViewer({ viewerId }), viewer, `${name} is banned.`),
      unban: (viewerId: string, name: string) => void run(studio.unbanViewer({ viewerId }), viewer, `${name} is no longer banned.`),
      setModerator: (viewerId: string, name: string, moderator: boolean) =>
        void run(
          studio.setModerator({ viewerId, moderator }),
          viewer,
          moderator ? `${name} is now a moderator.` : `${name} is no longer a moderator.`,
        ),
      sendHostMessage: (text: string) => run(studio.sendHostMessage({ text }), one),
    }),
    [studio, run, one, viewer, setPinned],
  );

  return { ...actions, notice, dismissNotice: () => setNotice(null) };
}
