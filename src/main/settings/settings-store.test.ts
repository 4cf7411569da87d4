import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/temp-dir.js';
import { openDatabase } from '../db/open-database.js';
import { FileSecretStore, plainSecretsFile } from './secret-store.js';
import { SettingsStore } from './settings-store.js';
import { DEFAULT_CONTROL_PORT, DEFAULT_SFU_PORT, settingsPatchSchema } from '../../shared/domain/settings.js';
import { DEFAULT_BID_INCREMENTS } from '../../shared/auction/auction-rules.js';

/** A store on the database file, with its secrets beside it as `npm run web` keeps them. */
const storeOn = (file: string, db = openDatabase(file)) =>
  new SettingsStore(db, new FileSecretStore(plainSecretsFile(path.dirname(file))));

describe('SettingsStore', () => {
  it('starts from defaults and keeps updates across a reopen of the file', () => {
    const file = path.join(tempDir(), 'studio.sqlite');
    const first = openDatabase(file);
    const store = storeOn(file, first);
    expect(store.get()).toEqual({
      hostName: '',
      storeName: '',
      controlServer: { enabled: true, allowLan: false, port: DEFAULT_CONTROL_PORT, producersMayGoLive: false },
      sfu: { url: '', room: '', port: DEFAULT_SFU_PORT, allowLan: false },
      obs: { address: 'ws://127.0.0.1:4455', autoConnect: false, overlayScene: null },
      selling: { autoUnpinSeconds: null, claimsFromChat: true, claimLimitPerViewer: null, bidIncrements: [...DEFAULT_BID_INCREMENTS] },
      backups: { keep: 10 },
      ffmpegPath: 'ffmpeg',
      verticalOutput: { enabled: false, resolution: '720x1280' },
      store: { platform: 'other', url: '', currency: '', embedOrigins: [] },
    });
    store.update({
      hostName: 'Ana',
      controlServer: { allowLan: true },
      selling: { claimLimitPerViewer: 2 },
      ffmpegPath: ' /opt/ffmpeg/bin/ffmpeg ',
      verticalOutput: { enabled: true },
    });
    store.update({ verticalOutput: { resolution: '1080x1920' } });
    first.close();
    const again = storeOn(file);
    expect(again.get()).toMatchObject({
      hostName: 'Ana',
      controlServer: { enabled: true, allowLan: true, port: DEFAULT_CONTROL_PORT },
      selling: { autoUnpinSeconds: null, claimsFromChat: true, claimLimitPerViewer: 2 },
      ffmpegPath: '/opt/ffmpeg/bin/ffmpeg',
      verticalOutput: { enabled: true, resolution: '1080x1920' },
    });
  });

  it('falls back to defaults when the stored value is damaged instead of failing to start', () => {
    const file = path.join(tempDir(), 'studio.sqlite');
    const db = openDatabase(file);
    db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('studio.settings', '{\"controlServer\":{\"port\":\"x\"}}', 0)").run();
    expect(storeOn(file, db).get().controlServer.port).toBe(DEFAULT_CONTROL_PORT);
  });

  it('moves the plain secrets of an older version out of the database on the first start', () => {
    const dir = tempDir();
    const file = path.join(dir, 'studio.sqlite');
    const db = openDatabase(file);
    const put = db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, 0)');
    put.run('controlServer.token', JSON.stringify('old-control-token-123456'));
    put.run('sfu.hostToken', JSON.stringify('old-sfu-host-token'));
    put.run('obs.password', JSON.stringify('old-obs-password'));
    const store = storeOn(file, db);
    expect(store.sfuHostToken()).toBe('old-sfu-host-token');
    expect(store.obsPassword()).toBe('old-obs-password');
    // The control token waits for the control links to adopt it as the host's link.
    expect(store.legacyControlToken()).toBe('old-control-token-123456');
    store.forgetLegacyControlToken();
    expect(store.legacyControlToken()).toBeNull();
    const rows = db.prepare("SELECT key FROM settings WHERE key != 'studio.settings'").all();
    expect(rows).toEqual([]);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.exec('VACUUM');
    db.close();
    expect(fs.readFileSync(file).includes('old-obs-password')).toBe(false);
    // A second start finds them in the store only.
    const again = storeOn(file);
    expect(again.obsPassword()).toBe('old-obs-password');
    expect(fs.readFileSync(plainSecretsFile(dir), 'utf8')).toContain('old-obs-password');
  });

  it('keeps the remote SFU host token apart: saved by a patch, never part of the settings', () => {
    const file = path.join(tempDir(), 'studio.sqlite');
    const store = storeOn(file);
    expect(store.sfuHostToken()).toBe('');
    const patch = settingsPatchSchema.parse({ sfu: { url: 'wss://live.example.com', hostToken: '  s3cret-token  ' } });
    const saved = store.update(patch);
    expect(JSON.stringify(saved)).not.toContain('s3cret');
    expect(JSON.stringify(store.get())).not.toContain('s3cret');
    expect(store.sfuHostToken()).toBe('s3cret-token');
    // Other changes leave it alone; "" forgets it.
    store.update({ hostName: 'Ana' });
    expect(storeOn(file).sfuHostToken()).toBe('s3cret-token');
    store.update(settingsPatchSchema.parse({ sfu: { hostToken: '' } }));
    expect(store.sfuHostToken()).toBe('');
  });

  it('keeps the OBS password apart from the settings, across a reopen', () => {
    const file = path.join(tempDir(), 'studio.sqlite');
    const store = storeOn(file);
    expect(store.obsPassword()).toBe('');
    store.setObsPassword('obs-pass-123');
    store.update({ obs: { address: 'ws://192.168.1.5:4455', overlayScene: 'Main' } });
    expect(JSON.stringify(store.get())).not.toContain('obs-pass-123');
    const again = storeOn(file);
    expect(again.obsPassword()).toBe('obs-pass-123');
    expect(again.get().obs).toEqual({ address: 'ws://192.168.1.5:4455', autoConnect: false, overlayScene: 'Main' });
    expect(settingsPatchSchema.safeParse({ obs: { address: 'http://x' } }).success).toBe(false);
  });

  it('accepts only SFU room names that work in a watch link', () => {
    expect(settingsPatchSchema.safeParse({ sfu: { room: 'spring-sale_2' } }).success).toBe(true);
    for (const room of ['', '-lead', 'with space', 'a/b', 'x'.repeat(65)]) {
      expect(settingsPatchSchema.safeParse({ sfu: { room } }).success, room).toBe(false);
    }
  });
});
