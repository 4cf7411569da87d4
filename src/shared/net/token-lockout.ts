/**
 * Locks an address out after repeated wrong access tokens, so nobody can
 * guess tokens at network speed. Decided here for every place that compares
 * a token: the producer console's first frame and upload (src/main/control-server/)
 * and the SFU's host join (src/sfu/peer-session.ts).
 *
 * The `lockAfterFailures`-th wrong token in a row locks the address for
 * `firstLockMs` (the ones before cost nothing: a typo, an old link); each
 * further wrong token doubles the lock, up to `maxLockMs`. While locked, the token is not even
 * compared. A right token clears the address's record.
 *
 * Pure: the clock is passed in. Memory is bounded: records of addresses that
 * have been quiet for `forgetAfterMs` are dropped, and at most `maxAddresses`
 * are kept (the quietest go first).
 */

export interface LockoutPolicy {
  /** The wrong token that brings the first lock (5: four are free). */
  readonly lockAfterFailures: number;
  readonly firstLockMs: number;
  readonly maxLockMs: number;
  /** A record with no wrong token for this long is forgotten (the count starts again). */
  readonly forgetAfterMs: number;
  readonly maxAddresses: number;
}

/** 5 wrong tokens, then 1 s, 2 s, 4 s … up to 5 minutes; forgotten after an hour of quiet. */
export const DEFAULT_LOCKOUT_POLICY: LockoutPolicy = {
  lockAfterFailures: 5,
  firstLockMs: 1000,
  maxLockMs: 5 * 60_000,
  forgetAfterMs: 60 * 60_000,
  maxAddresses: 10_000,
};

export type LockoutDecision =
  | { readonly locked: false }
  | {
      readonly locked: true;
      /** How long until the address may try again. */
      readonly retryAfterMs: number;
      /** Plain words for whoever sent the token. */
      readonly message: string;
    };

interface AddressRecord {
  failures: number;
  lockedUntil: number;
  lastFailureAt: number;
}

const OPEN: LockoutDecision = { locked: false };

/** The refusal's words, with whole seconds rounded up (never "0 s"). */
export function lockoutMessage(retryAfterMs: number): string {
  return `Too many wrong access codes from this address; try again in ${Math.max(1, Math.ceil(retryAfterMs / 1000))} s.`;
}

export class TokenLockout {
  /** Insertion order is last-failure order: the first entries are the quietest. */
  private readonly records = new Map<string, AddressRecord>();

  constructor(
    private readonly policy: LockoutPolicy = DEFAULT_LOCKOUT_POLICY,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Ask before comparing a token: a locked address is refused without a comparison. */
  check(address: string): LockoutDecision {
    const record = this.records.get(address);
    if (!record) return OPEN;
    const retryAfterMs = record.lockedUntil - this.now();
    return retryAfterMs > 0 ? { locked: true, retryAfterMs, message: lockoutMessage(retryAfterMs) } : OPEN;
  }

  /** A wrong token from this address. Returns the decision for its next try. */
  failed(address: string): LockoutDecision {
    const now = this.now();
    this.forgetQuiet(now);
    const record = this.records.get(address) ?? { failures: 0, lockedUntil: 0, lastFailureAt: now };
    record.failures++;
    record.lastFailureAt = now;
    const doublings = record.failures - this.policy.lockAfterFailures;
    if (doublings >= 0) {
      // 2 ** n grows fast: cap the exponent so the number stays finite.
      const lockMs = Math.min(this.policy.maxLockMs, this.policy.firstLockMs * 2 ** Math.min(doublings, 40));
      record.lockedUntil = now + lockMs;
    }
    this.records.delete(address);
    this.records.set(address, record);
    while (this.records.size > this.policy.maxAddresses) {
      const quietest = this.records.keys().next().value;
      if (quietest === undefined) break;
      this.records.delete(quietest);
    }
    return this.check(address);
  }

  /** A right token: the address starts afresh. */
  succeeded(address: string): void {
    this.records.delete(address);
  }

  get trackedAddresses(): number {
    return this.records.size;
  }

  private forgetQuiet(now: number): void {
    for (const [address, record] of this.records) {
      if (now - record.lastFailureAt < this.policy.forgetAfterMs || record.lockedUntil > now) break;
      this.records.delete(address);
    }
  }
}
