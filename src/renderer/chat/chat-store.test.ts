import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../shared/domain/chat.js';
import { visibleMessages } from './chat-filter.js';
import { ChatStore } from './chat-store.js';

const message = (n: number, patch: Partial<ChatMessage> = {}): ChatMessage => ({
  id: `m${n}`,
  showId: 1,
  viewerId: `v${n % 3}`,
  name: `Viewer ${n % 3}`,
  role: 'viewer',
  text: `message ${n}`,
  ts: 1_000 + n,
  status: 'approved',
  reasons: [],
  question: false,
  decidedBy: 'auto',
  decidedAt: 1_000 + n,
  ...patch,
});

describe('the console chat store', () => {
  it('updates a message in place when its status changes, and keeps the review queue', () => {
    const store = new ChatStore();
    store.upsert([message(1), message(2, { status: 'held', reasons: ['link'] })]);
    expect(store.current().held.map((m) => m.id)).toEqual(['m2']);
    store.upsert([message(2, { status: 'approved' })]);
    const { messages, held, appended } = store.current();
    expect(messages.map((m) => `${m.id}:${m.status}`)).toEqual(['m1:approved', 'm2:approved']);
    expect(held).toEqual([]);
    expect(appended).toBe(2);
  });

  it('keeps time order when a reload races live events', () => {
    const store = new ChatStore();
    store.upsert([message(5), message(6)]);
    store.upsert([message(1), message(5)]);
    expect(store.current().messages.map((m) => m.id)).toEqual(['m1', 'm5', 'm6']);
  });

  it('caps memory at the newest messages, but never drops held ones from the queue', () => {
    const store = new ChatStore(100);
    store.upsert([message(0, { status: 'held' })]);
    for (let n = 1; n <= 1_000; n++) store.upsert([message(n)]);
    const { messages, held } = store.current();
    expect(messages.length).toBeLessThanOrEqual(105);
    expect(messages[messages.length - 1]!.id).toBe('m1000');
    expect(held.map((m) => m.id)).toEqual(['m0']);
    expect(store.get('m0')?.status).toBe('held');
  });

  it('trims less while the host reads older messages', () => {
    const store = new ChatStore(100);
    store.setTrimPaused(true);
    for (let n = 1; n <= 120; n++) store.upsert([message(n)]);
    expect(store.current().messages.length).toBe(120);
    store.setTrimPaused(false);
    expect(store.current().messages.length).toBe(100);
  });

  it('filters by questions, held, and text or name', () => {
    const all = [message(1, { question: true }), message(2, { status: 'held' }), message(3, { text: 'Ships to Canada?' })];
    expect(visibleMessages(all, 'all', '')).toBe(all);
    expect(visibleMessages(all, 'questions', '').map((m) => m.id)).toEqual(['m1']);
    expect(visibleMessages(all, 'held', '').map((m) => m.id)).toEqual(['m2']);
    expect(visibleMessages(all, 'all', 'canada').map((m) => m.id)).toEqual(['m3']);
    expect(visibleMessages(all, 'all', 'viewer 2').map((m) => m.id)).toEqual(['m2']);
  });
});
