import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/temp-dir.js';
import { FileSecretStore, plainSecretsFile } from '../settings/secret-store.js';
import { ControlLinks, WRONG_TOKEN } from './control-links.js';

const HOUR = 3600_000;

function links(now: () => number = Date.now) {
  const secrets = new FileSecretStore(plainSecretsFile(tempDir()));
  return { secrets, links: new ControlLinks(secrets, now) };
}

describe('ControlLinks', () => {
  it('makes one link per role on first use and keeps them across a restart', () => {
    const { secrets, links: first } = links();
    const made = first.all();
    expect(made.map((l) => l.role)).toEqual(['host', 'producer', 'moderator']);
    expect(new Set(made.map((l) => l.token)).size).toBe(3);
    expect(new ControlLinks(secrets).all()).toEqual(made);
    for (const link of made) expect(first.lookup(link.token)).toEqual({ ok: true, role: link.role });
    expect(first.lookup('not-a-token-of-ours')).toEqual({ ok: false, message: WRONG_TOKEN });
    expect(first.lookup(undefined)).toEqual({ ok: false, message: WRONG_TOKEN });
  });

  it('a new link for one role expires when the host said, and leaves the other roles alone', () => {
    let now = 1_000_000;
    const { links: team } = links(() => now);
    const producer = team.link('producer');
    const moderator = team.renew('moderator', '12h');
    expect(moderator.expiresAt).toBe(now + 12 * HOUR);
    expect(team.link('producer')).toEqual(producer);
    now += 12 * HOUR - 1;
    expect(team.lookup(moderator.token)).toEqual({ ok: true, role: 'moderator' });
    now += 1;
    expect(team.lookup(moderator.token)).toEqual({ ok: false, message: 'This moderator link has expired. Ask the host for a new link.' });
    expect(team.lookup(producer.token)).toEqual({ ok: true, role: 'producer' });
    expect(team.renew('producer', '7d').expiresAt).toBe(now + 7 * 24 * HOUR);
    expect(team.lookup(producer.token)).toEqual({ ok: false, message: WRONG_TOKEN });
    expect(team.renew('producer', 'never').expiresAt).toBeNull();
  });

  it("adopts an older version's single token as the host's link, once", () => {
    const { links: team } = links();
    team.adoptLegacyToken('legacy-token-0123456789');
    expect(team.lookup('legacy-token-0123456789')).toEqual({ ok: true, role: 'host' });
    team.adoptLegacyToken('another-legacy-token-xyz');
    expect(team.link('host').token).toBe('legacy-token-0123456789');
  });
});
