// @vitest-environment happy-dom
/**
 * The chat feed on the one data hook: a getChat answered after newer
 * `chatMessages` events only adds what they did not bring, and an action's
 * answer counts as newer too.
 */
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../shared/domain/chat.js';
import { FakeStudio } from '../../../tests/support/fake-studio.js';
import { renderHook, settle } from '../../../tests/support/render-hook.js';
import { useChatFeed } from './use-chat-feed.js';

const message = (n: number, status: ChatMessage['status']): ChatMessage => ({
  id: `m${n}`,
  showId: 1,
  viewerId: 'v1',
  name: 'Viewer',
  role: 'viewer',
  text: `message ${n}`,
  ts: 1_000 + n,
  status,
  reasons: status === 'held' ? ['link'] : [],
  question: false,
  decidedBy: 'auto',
  decidedAt: 1_000 + n,
});

const studioWithChat = () =>
  new FakeStudio(['getChat', 'listChatViewers'], ['chatMessages', 'chatViewersChanged', 'chatPinnedMessage']);

const shown = (feed: ReturnType<typeof useChatFeed>) => feed.store.current().messages.map((m) => `${m.id}:${m.status}`);

describe('the chat feed', () => {
  it('a slow getChat never turns a message the events approved back into a held one', async () => {
    const studio = studioWithChat();
    const view = renderHook(studio.api, () => useChatFeed());
    await settle(() => studio.emit('chatMessages', [message(2, 'approved'), message(3, 'approved')]));
    await settle(() => studio.next('getChat').answer({ messages: [message(1, 'approved')], held: [message(2, 'held')], pinned: null }));
    expect(shown(view.current)).toEqual(['m1:approved', 'm2:approved', 'm3:approved']);
    expect(view.current.store.current().held).toEqual([]);
    view.unmount();
  });

  it('an action’s answer is newer than a read on its way', async () => {
    const studio = studioWithChat();
    const view = renderHook(studio.api, () => useChatFeed());
    await settle(() => view.current.apply([message(2, 'rejected')]));
    await settle(() => studio.next('getChat').answer({ messages: [], held: [message(2, 'held')], pinned: null }));
    expect(shown(view.current)).toEqual(['m2:rejected']);
    view.unmount();
  });

  it('a read with nothing newer on its way is taken as it is', async () => {
    const studio = studioWithChat();
    const view = renderHook(studio.api, () => useChatFeed());
    await settle(() => studio.next('getChat').answer({ messages: [message(1, 'approved')], held: [message(2, 'held')], pinned: null }));
    expect(shown(view.current)).toEqual(['m1:approved', 'm2:held']);
    await settle(() => studio.next('listChatViewers').answer([]));
    await settle(() => view.current.applyViewer({ viewerId: 'v1', name: 'Viewer', messageCount: 2, moderator: false, allowListed: false, timedOutUntil: null, banned: false, lastSeenAt: 1_002 }));
    expect(view.current.viewers.map((v) => v.viewerId)).toEqual(['v1']);
    view.unmount();
  });
});
