import crypto from 'node:crypto';

/**
 * Which token makes a connection the host of a show. A show's own token wins;
 * otherwise the server-wide default (standalone `studio sfu --host-token`)
 * applies. With neither, nobody can host that show.
 */
export class HostTokens {
  private readonly perShow: Map<string, string>;

  constructor(
    private defaultToken: string | null,
    perShow: Readonly<Record<string, string>> = {},
  ) {
    this.perShow = new Map(Object.entries(perShow));
  }

  set(show: string, token: string | null): void {
    if (token === null) this.perShow.delete(show);
    else this.perShow.set(show, token);
  }

  setDefault(token: string | null): void {
    this.defaultToken = token;
  }

  matches(show: string, given: string): boolean {
    const expected = this.perShow.get(show) ?? this.defaultToken;
    if (expected === null || expected === '') return false;
    // Hash first so the comparison takes the same time whatever the lengths.
    const a = crypto.createHash('sha256').update(expected).digest();
    const b = crypto.createHash('sha256').update(given).digest();
    return crypto.timingSafeEqual(a, b);
  }
}
