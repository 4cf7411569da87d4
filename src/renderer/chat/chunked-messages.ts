import type { ChatMessage } from '../../shared/domain/chat.js';

/**
 * A read-only run of chat messages, oldest first: the store's snapshot
 * (`ChunkedMessages`) or a filtered array — both have these.
 */
export interface MessageSequence extends Iterable<ChatMessage> {
  readonly length: number;
  /** Negative counts from the end, as for arrays. */
  at(index: number): ChatMessage | undefined;
  /** The fast way through all of them (a plain loop per chunk; a generator is ten times slower at 20,000). */
  forEach(fn: (message: ChatMessage, index: number) => void): void;
  map<U>(fn: (message: ChatMessage, index: number) => U): U[];
}

/** A power of two: a place splits into chunk and offset with a shift and a mask. */
export const MESSAGES_PER_CHUNK = 512;
const SHIFT = 9;
const MASK = MESSAGES_PER_CHUNK - 1;

/**
 * `length` messages from `chunks[0][first]` on, across fixed-size chunks
 * the ChatStore owns. A snapshot's view never changes: the store only adds
 * after its end and copies a chunk before changing a message in it.
 */
export class ChunkedMessages implements MessageSequence {
  constructor(
    private readonly chunks: readonly (readonly ChatMessage[])[],
    private readonly first: number,
    readonly length: number,
  ) {}

  at(index: number): ChatMessage | undefined {
    const i = index < 0 ? index + this.length : index;
    if (i < 0 || i >= this.length) return undefined;
    const place = this.first + i;
    return this.chunks[place >>> SHIFT]?.[place & MASK];
  }

  forEach(fn: (message: ChatMessage, index: number) => void): void {
    let index = 0;
    let offset = this.first & MASK;
    for (let c = this.first >>> SHIFT; index < this.length && c < this.chunks.length; c++, offset = 0) {
      const chunk = this.chunks[c]!;
      const end = Math.min(MESSAGES_PER_CHUNK, offset + this.length - index);
      for (let i = offset; i < end; i++) fn(chunk[i]!, index++);
    }
  }

  map<U>(fn: (message: ChatMessage, index: number) => U): U[] {
    const out = new Array<U>(this.length);
    this.forEach((message, index) => (out[index] = fn(message, index)));
    return out;
  }

  [Symbol.iterator](): Iterator<ChatMessage> {
    return this.map((message) => message)[Symbol.iterator]();
  }
}

/** Where the message `id` is, searching from the newest (where selections usually are); -1 if absent. */
export function lastIndexOfId(messages: MessageSequence, id: string): number {
  for (let i = messages.length - 1; i >= 0; i--) if (messages.at(i)?.id === id) return i;
  return -1;
}
