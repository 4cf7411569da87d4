/**
 * The chunked ChatStore against the plain model it replaced (one array,
 * changed in place, sorted and trimmed the same way): random batches of new
 * messages, status changes, late arrivals, reads (fill) and paused trimming
 * must give the same list, queue and counters, and no snapshot may change
 * after it was handed out.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../shared/domain/chat.js';
import { ChatStore } from './chat-store.js';

class ModelStore {
  order: ChatMessage[] = [];
  held = new Map<string, ChatMessage>();
  appended = 0;
  paused = false;
  constructor(private readonly cap: number) {}

  take(batch: readonly ChatMessage[], replace: boolean): void {
    let changed = false;
    let outOfOrder = false;
    for (const m of batch) {
      const at = this.order.findIndex((o) => o.id === m.id);
      if ((at >= 0 || this.held.has(m.id)) && !replace) continue;
      changed = true;
      if (at >= 0) this.order[at] = m;
      else {
        const last = this.order[this.order.length - 1];
        if (last && m.ts < last.ts) outOfOrder = true;
        this.order.push(m);
        this.appended++;
      }
      if (m.status === 'held') this.held.set(m.id, m);
      else this.held.delete(m.id);
    }
    if (!changed) return;
    if (outOfOrder) this.order.sort((a, b) => a.ts - b.ts);
    this.trim();
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
    if (!paused) this.trim();
  }

  trim(): void {
    const limit = this.paused ? Math.floor(this.cap * 1.25) : this.cap;
    if (this.order.length <= limit + Math.floor(this.cap / 20)) return;
    this.order = this.order.slice(this.order.length - this.cap);
  }
}

const STATUSES = ['approved', 'held', 'deleted', 'rejected'] as const;

const message = (n: number, ts: number, status: ChatMessage['status']): ChatMessage => ({
  id: `m${n}`,
  showId: 1,
  viewerId: 'v',
  name: 'Viewer',
  role: 'viewer',
  text: `message ${n}`,
  ts,
  status,
  reasons: [],
  question: false,
  decidedBy: 'auto',
  decidedAt: ts,
});

type Op =
  | { kind: 'new'; count: number; status: number }
  | { kind: 'late'; count: number }
  | { kind: 'change'; pick: number; status: number }
  | { kind: 'fill'; pick: number; count: number }
  | { kind: 'pause'; paused: boolean };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('new' as const), count: fc.integer({ min: 1, max: 300 }), status: fc.integer({ min: 0, max: 9 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('late' as const), count: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('change' as const), pick: fc.nat(), status: fc.integer({ min: 0, max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('fill' as const), pick: fc.nat(), count: fc.integer({ min: 1, max: 60 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('pause' as const), paused: fc.boolean() }) },
);

const view = (messages: Iterable<ChatMessage>) => [...messages].map((m) => `${m.id}:${m.status}:${m.ts}`);

describe('the chunked chat store matches the plain model', () => {
  it('for any sequence of batches', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 60 }), fc.integer({ min: 50, max: 1_500 }), (ops, cap) => {
        const store = new ChatStore(cap);
        const model = new ModelStore(cap);
        const handedOut: { snapshot: ReturnType<ChatStore['current']>; seen: string[] }[] = [];
        let next = 0;
        let clock = 1_000_000;
        for (const o of ops) {
          let batch: ChatMessage[] = [];
          let replace = true;
          if (o.kind === 'new') batch = Array.from({ length: o.count }, () => message(next++, clock++, o.status === 0 ? 'held' : 'approved'));
          else if (o.kind === 'late') batch = Array.from({ length: o.count }, (_, i) => message(next++, 1_000 + next + i, 'approved'));
          else if (o.kind === 'change' && next > 0) {
            const n = o.pick % next;
            batch = [message(n, model.order.find((m) => m.id === `m${n}`)?.ts ?? clock, STATUSES[o.status]!)];
          } else if (o.kind === 'fill' && next > 0) {
            replace = false;
            const from = o.pick % next;
            batch = Array.from({ length: o.count }, (_, i) => message(from + i, clock - 10_000 + from + i, 'held'));
            next = Math.max(next, from + o.count);
          } else if (o.kind === 'pause') {
            store.setTrimPaused(o.paused);
            model.setPaused(o.paused);
          }
          if (batch.length > 0) {
            if (replace) store.upsert(batch);
            else store.fill(batch);
            model.take(batch, replace);
          }
          const snapshot = store.current();
          expect(view(snapshot.messages)).toEqual(view(model.order));
          expect(snapshot.messages.length).toBe(model.order.length);
          expect(view(snapshot.held)).toEqual(view([...model.held.values()].sort((a, b) => a.ts - b.ts)));
          expect(snapshot.appended).toBe(model.appended);
          for (const m of model.order.slice(-3)) expect(store.get(m.id)).toBe(m);
          handedOut.push({ snapshot, seen: view(snapshot.messages) });
        }
        for (const { snapshot, seen } of handedOut) expect(view(snapshot.messages)).toEqual(seen);
      }),
      { numRuns: 60 },
    );
  });
});
