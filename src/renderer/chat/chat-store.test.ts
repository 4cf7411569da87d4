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
    expect(messages.at(-1)!.id).toBe('m1000');
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

describe('the console chat store’s snapshots', () => {
  it('never change once handed out: not by new messages, status changes or trimming', () => {
    const store = new ChatStore(1_000);
    for (let n = 0; n < 1_500; n++) store.upsert([message(n)]);
    const before = store.current();
    const ids = before.messages.map((m) => `${m.id}:${m.status}`);
    store.upsert([{ ...before.messages.at(0)!, status: 'deleted' }]);
    store.upsert([message(1_400, { status: 'held' })]);
    for (let n = 1_500; n < 3_000; n++) store.upsert([message(n)]);
    expect(before.messages.map((m) => `${m.id}:${m.status}`)).toEqual(ids);
    expect(before.held).toEqual([]);
    const after = store.current();
    expect(after).not.toBe(before);
    expect(after.messages.at(-1)!.id).toBe('m2999');
    expect(after.held.map((m) => m.id)).toEqual(['m1400']);
  });

  it('reads the same through at(), iteration and map() across chunk boundaries', () => {
    const store = new ChatStore(1_200);
    for (let n = 0; n < 5_000; n += 7) store.upsert(Array.from({ length: 7 }, (_, i) => message(n + i)));
    const { messages } = store.current();
    const byAt = Array.from({ length: messages.length }, (_, i) => messages.at(i)!.id);
    expect([...messages].map((m) => m.id)).toEqual(byAt);
    expect(messages.map((m) => m.id)).toEqual(byAt);
    expect(messages.at(-1)).toBe(messages.at(messages.length - 1));
    expect(messages.at(messages.length)).toBeUndefined();
    // Consecutive and the newest: trimming dropped only the oldest.
    expect(byAt.map((id) => Number(id.slice(1)))).toEqual(byAt.map((_, i) => 5_005 - byAt.length + i));
  });

  it('fill() adds what it does not know and leaves known messages as their events made them', () => {
    const store = new ChatStore();
    store.upsert([message(2, { status: 'approved' })]);
    store.fill([message(1), message(2, { status: 'held' }), message(3, { status: 'held' })]);
    const { messages, held } = store.current();
    expect(messages.map((m) => `${m.id}:${m.status}`)).toEqual(['m1:approved', 'm2:approved', 'm3:held']);
    expect(held.map((m) => m.id)).toEqual(['m3']);
    expect(store.fill([message(1)])).toBe(false);
  });

  it('tells listeners once per frame, however many batches came, and keeps their snapshot until then', () => {
    const frames: (() => void)[] = [];
    const store = new ChatStore(100, (run) => {
      frames.push(run);
      return () => frames.splice(frames.indexOf(run), 1);
    });
    let heard = 0;
    const unsubscribe = store.subscribe(() => heard++);
    const shown = store.getSnapshot();
    for (let n = 0; n < 50; n++) store.upsert([message(n)]);
    expect(frames).toHaveLength(1);
    expect(store.getSnapshot()).toBe(shown);
    frames.shift()!();
    expect(heard).toBe(1);
    expect(store.getSnapshot().messages.length).toBe(50);
    expect(store.getSnapshot()).toBe(store.getSnapshot());
    store.upsert([message(50)]);
    unsubscribe();
    expect(frames).toHaveLength(0);
    expect(store.getSnapshot().messages.length).toBe(51);
  });
});
