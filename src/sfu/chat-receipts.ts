/**
 * Viewers' messages forwarded to a studio that confirms what it stores
 * (host `join` with `confirmsChat`). Each waits for the studio's
 * `chatStored`: the viewer's `chatSend` reply waits on it, so "sent" means
 * "in the studio's database". It gives up after `waitMs`, or at once when
 * every confirming host connection it went to is gone (nobody left who
 * could confirm it).
 */

interface Waiting<Member> {
  /** The confirming host connections the message went to. */
  readonly hosts: Set<Member>;
  readonly settle: (stored: boolean) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

export class ChatReceipts<Member> {
  private readonly waiting = new Map<string, Waiting<Member>>();

  constructor(private readonly waitMs: number) {}

  /** Resolves true when `messageId` is confirmed, false when it is not in time or all `hosts` went. */
  expect(messageId: string, hosts: readonly Member[]): Promise<boolean> {
    return new Promise((settle) => {
      const timer = setTimeout(() => this.settle(messageId, false), this.waitMs);
      this.waiting.set(messageId, { hosts: new Set(hosts), settle, timer });
    });
  }

  /** The studio stored it. Ids not waited for (the wait ended, another connection confirmed first) are ignored. */
  confirm(messageId: string): void {
    this.settle(messageId, true);
  }

  /** A host connection went: what only it could confirm never will be. */
  hostGone(host: Member): void {
    for (const [messageId, waiting] of [...this.waiting]) {
      if (waiting.hosts.delete(host) && waiting.hosts.size === 0) this.settle(messageId, false);
    }
  }

  /** The room closes: nobody will confirm anything. */
  failAll(): void {
    for (const messageId of [...this.waiting.keys()]) this.settle(messageId, false);
  }

  private settle(messageId: string, stored: boolean): void {
    const waiting = this.waiting.get(messageId);
    if (!waiting) return;
    this.waiting.delete(messageId);
    clearTimeout(waiting.timer);
    waiting.settle(stored);
  }
}
