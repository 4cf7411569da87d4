/**
 * Settings → Destinations through the whole studio core: the API the
 * windows call (dispatcher, validation), rows in the real SQLite file, keys
 * in the real secret store (`<data folder>/secrets.json`), and the control
 * server a producer's console signs in to. A stream key goes in and never
 * comes out: not in any answer, any event, the database file, or anything a
 * producer's console receives.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../shared/api/contract/roles.js';
import type { Destination, EgressOverview } from '../../shared/domain/destinations.js';
import { connect } from '../../../tests/harness/control-client.js';
import { startTestStudio, type TestStudio } from '../../../tests/harness/test-studio.js';
import { liveTestHarness } from '../../../tests/support/live-world.js';
import { tempDir } from '../../../tests/support/temp-dir.js';

const { studio, studios } = liveTestHarness();

const YOUTUBE_KEY = 'abcd-efgh-ijkl-mnop-qrst';
const FACEBOOK_KEY = 'FB-123456789012345-0-AbCdEfGhIjKlMnOp?s_bl=1&s_ps=1';
const NEW_KEY = 'zyxw-vuts-rqpo-nmlk-jihg';
const KEYS = [YOUTUBE_KEY, FACEBOOK_KEY, NEW_KEY];

/** Everything a window received: every event so far and the answers given. */
function expectNoKeyIn(what: unknown, label: string): void {
  const text = JSON.stringify(what);
  for (const key of KEYS) expect(text.includes(key), `${label} carries a stream key`).toBe(false);
  // Not even a part of one (a "last 4" or a prefix).
  for (const key of KEYS) expect(text.includes(key.slice(-8)), `${label} carries part of a stream key`).toBe(false);
}

async function refusal(s: TestStudio, channel: string, input: unknown): Promise<{ code: string; message: string }> {
  const result = await s.core.dispatch(channel, input, { transport: 'ipc', clientId: 'window' });
  if (result.ok) throw new Error(`${channel} was accepted: ${JSON.stringify(result.value)}`);
  return result.error;
}

const secretsFile = (s: TestStudio) => path.join(s.core.info().dataDir, 'secrets.json');
const databaseBytes = (s: TestStudio) =>
  ['', '-wal']
    .map((suffix) => `${s.core.info().databasePath}${suffix}`)
    .filter((file) => fs.existsSync(file))
    .map((file) => fs.readFileSync(file).toString('latin1'))
    .join('');

describe('Settings → Destinations', () => {
  it('keeps each destination in SQLite and its key only in the secret store, and never gives a key back', async () => {
    const s = await studio();
    const answers: unknown[] = [];
    const call = async <T>(channel: string, input?: unknown) => {
      const value = await s.call<T>(channel, input);
      answers.push(value);
      return value;
    };
    const youtube = await call<Destination>('studio:destinations:create', {
      name: 'YouTube',
      platform: 'youtube',
      serverUrl: 'rtmp://a.rtmp.youtube.com/live2',
      // Spaces around a pasted key are dropped.
      streamKey: `  ${YOUTUBE_KEY}\n`,
    });
    expect(youtube).toEqual({ id: expect.any(Number), name: 'YouTube', platform: 'youtube', serverUrl: 'rtmp://a.rtmp.youtube.com/live2', orientation: 'horizontal', enabled: true, hasKey: true });
    const facebook = await call<Destination>('studio:destinations:create', {
      name: 'Shop’s Facebook page',
      platform: 'facebook',
      serverUrl: 'rtmps://live-api-s.facebook.com:443/rtmp/',
      streamKey: FACEBOOK_KEY,
      enabled: false,
    });
    expect(await call('studio:destinations:list')).toEqual([youtube, facebook]);

    // The keys are in the secret store (this user's 0600 file), under the destination's id, and nowhere in the database file.
    const secrets = JSON.parse(fs.readFileSync(secretsFile(s), 'utf8')) as Record<string, string>;
    expect(secrets[`streamKey.${youtube.id}`]).toBe(YOUTUBE_KEY);
    expect(secrets[`streamKey.${facebook.id}`]).toBe(FACEBOOK_KEY);
    expect(fs.statSync(secretsFile(s)).mode & 0o777).toBe(0o600);
    s.core.db.pragma('wal_checkpoint(TRUNCATE)');
    for (const key of [YOUTUBE_KEY, FACEBOOK_KEY]) expect(databaseBytes(s).includes(key)).toBe(false);

    // An edit without a key keeps the saved one; a new key replaces it (write-only both ways).
    const renamed = await call<Destination>('studio:destinations:update', { id: youtube.id, name: 'YouTube main', enabled: false });
    expect(renamed).toMatchObject({ name: 'YouTube main', enabled: false, hasKey: true });
    expect(s.core.egress.list().find((d) => d.id === youtube.id)?.hasKey).toBe(true);
    expect(JSON.parse(fs.readFileSync(secretsFile(s), 'utf8'))[`streamKey.${youtube.id}`]).toBe(YOUTUBE_KEY);
    await call('studio:destinations:update', { id: youtube.id, streamKey: NEW_KEY });
    expect(JSON.parse(fs.readFileSync(secretsFile(s), 'utf8'))[`streamKey.${youtube.id}`]).toBe(NEW_KEY);

    // Deleting a destination deletes its key.
    expect(await call('studio:destinations:delete', { id: youtube.id })).toEqual([facebook]);
    const left = JSON.parse(fs.readFileSync(secretsFile(s), 'utf8')) as Record<string, string>;
    expect(Object.keys(left).filter((name) => name.startsWith('streamKey.'))).toEqual([`streamKey.${facebook.id}`]);
    expect(await call<EgressOverview>('studio:egress:get')).toMatchObject({ showRunning: false, destinations: [{ id: facebook.id, state: 'off' }] });

    // Not one answer, not one event any window heard, carries a key.
    expectNoKeyIn(answers, 'an answer');
    expectNoKeyIn(s.events, 'an event');
    expect(s.events.filter((e) => e.channel === 'studio:event:destinations-changed').length).toBe(5);
  });

  it('refuses what a host mistypes, in words they understand', async () => {
    const s = await studio();
    const base = { name: 'YouTube', platform: 'youtube', serverUrl: 'rtmp://a.rtmp.youtube.com/live2', streamKey: YOUTUBE_KEY };
    const create = (patch: object) => refusal(s, 'studio:destinations:create', { ...base, ...patch });
    expect(await create({ serverUrl: 'https://studio.youtube.com/channel/UC123/livestreaming' })).toEqual({
      code: 'invalid-input',
      message: expect.stringMatching(/^That is a web page address \(http:\/\/\)\. The address for streaming starts with rtmp:\/\/ or rtmps:\/\//),
    });
    expect((await create({ streamKey: 'abcd efgh-ijkl' })).message).toBe(
      'The stream key has a space or a line break in it. Stream keys never do: copy it again with your platform’s Copy button.',
    );
    expect((await create({ streamKey: 'rtmp://a.rtmp.youtube.com/live2/abcd' })).message).toMatch(/^That is a server URL, not a stream key/);
    expect((await create({ streamKey: '' })).message).toBe('Paste the stream key.');
    expect((await create({ name: '   ' })).message).toMatch(/^Give the destination a name/);
    expect((await create({ serverUrl: 'a.rtmp.youtube.com/live2' })).message).toMatch(/^A server URL starts with rtmp:\/\/ or rtmps:\/\//);
    expect((await create({ serverUrl: 'srt://ingest.example.com:9000' })).message).toMatch(/RTMP and RTMPS servers only/);
    await s.call('studio:destinations:create', base);
    expect(await create({ name: 'youtube' })).toEqual({ code: 'conflict', message: 'You already have a destination called "youtube". Give this one another name.' });
    expect(await refusal(s, 'studio:destinations:update', { id: 999, name: 'Twitch' })).toEqual({ code: 'not-found', message: 'That destination no longer exists.' });
    expect(await refusal(s, 'studio:egress:start', { id: 1 })).toEqual({ code: 'conflict', message: 'Destinations start when you go live: go live first.' });
    // Nothing half-made: one destination, one key.
    expect(await s.call<Destination[]>('studio:destinations:list')).toHaveLength(1);
    expect(Object.keys(JSON.parse(fs.readFileSync(secretsFile(s), 'utf8')) as object).filter((n) => n.startsWith('streamKey.'))).toHaveLength(1);
  });

  it('shows a producer’s console where destinations stand, never a key or a server address, and lets only the host change them', async () => {
    const s = await studio();
    const { port, links } = s.core.controlServer.status();
    const signIn = async (role: Role) => {
      const client = await connect(port);
      client.send({ type: 'auth', token: links.find((link) => link.role === role)!.token });
      await client.next((f) => f.type === 'auth-ok');
      return client;
    };
    const producer = await signIn('producer');
    const host = await signIn('host');
    const created = await host.request('studio:destinations:create', {
      name: 'Twitch',
      platform: 'twitch',
      serverUrl: 'rtmp://live.twitch.tv/app',
      streamKey: YOUTUBE_KEY,
    });
    expect(created).toMatchObject({ ok: true, value: { hasKey: true } });
    const id = (created as { value: Destination }).value.id;
    await host.request('studio:destinations:update', { id, streamKey: NEW_KEY, serverUrl: 'rtmp://live-cdg.twitch.tv/app' });

    // The producer hears where it stands (egressChanged), never the destination list with its addresses.
    await producer.next((f) => f.type === 'event' && f.channel === 'studio:event:egress-changed');
    const overview = await producer.request('studio:egress:get');
    expect(overview).toMatchObject({ ok: true, value: { destinations: [{ id, name: 'Twitch', platform: 'twitch', state: 'off' }] } });
    for (const [channel, input] of [
      ['studio:destinations:list', undefined],
      ['studio:destinations:create', { name: 'X', platform: 'custom', serverUrl: 'rtmp://x.example/live', streamKey: 'k' }],
      ['studio:destinations:update', { id, enabled: false }],
      ['studio:destinations:delete', { id }],
      ['studio:egress:start', { id }],
      ['studio:egress:stop', { id }],
      ['studio:egress:reconnect', { id }],
    ] as const) {
      expect(await producer.request(channel, input), channel).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(producer.frames.some((f) => f.type === 'event' && f.channel === 'studio:event:destinations-changed')).toBe(false);
    const heard = JSON.stringify(producer.frames);
    expectNoKeyIn(producer.frames, 'a frame the producer received');
    expect(heard).not.toContain('rtmp://');
    expect(heard).not.toContain('twitch.tv');
    // The host's own console never gets the key back either.
    expectNoKeyIn(host.frames, 'a frame the host’s console received');
    producer.ws.close();
    host.ws.close();
  });

  it('drops a key whose destination is gone and says which destination has lost its key', async () => {
    const dataDir = tempDir();
    const first = await startTestStudio(dataDir);
    const kept = await first.call<Destination>('studio:destinations:create', {
      name: 'Custom',
      platform: 'custom',
      serverUrl: 'rtmp://127.0.0.1:1935/live',
      streamKey: YOUTUBE_KEY,
    });
    await first.close();
    // A backup restored from before a destination was added leaves its key behind; a keychain reset loses another's.
    const file = path.join(dataDir, 'secrets.json');
    const secrets = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
    delete secrets[`streamKey.${kept.id}`];
    secrets['streamKey.77'] = FACEBOOK_KEY;
    fs.writeFileSync(file, JSON.stringify(secrets));
    const again = await startTestStudio(dataDir);
    studios.push(again);
    expect(Object.keys(JSON.parse(fs.readFileSync(file, 'utf8')) as object)).not.toContain('streamKey.77');
    expect(await again.call<Destination[]>('studio:destinations:list')).toEqual([{ ...kept, hasKey: false }]);
  });
});
