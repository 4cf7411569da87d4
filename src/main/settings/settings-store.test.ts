import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/temp-dir.js';
import { openDatabase } from '../db/open-database.js';
import { SettingsStore } from './settings-store.js';
import { DEFAULT_CONTROL_PORT, DEFAULT_SFU_PORT, settingsPatchSchema } from '../../shared/domain/settings.js';

describe('SettingsStore', () => {
  it('starts from defaults and keeps updates across a reopen of the file', () => {
    const file = path.join(tempDir(), 'studio.sqlite');
    const first = openDatabase(file);
    const store = new SettingsStore(first);
    expect(store.get()).toEqual({
      hostName: '',
      controlServer: { enabled: true, allowLan: false, port: DEFAULT_CONTROL_PORT },
      sfu: { url: '', room: '', port: DEFAULT_SFU_PORT, allowLan: false },
      obs: { address: 'ws://127.0.0.1:4455', autoConnect: false, overlayScene: null },
      selling: { autoUnpinSeconds: null, claimsFromChat: true, claimLimitPerViewer: null },
    });
    store.update({ hostName: 'Ana', controlServer: { allowLan: true }, selling: { claimLimitPerViewer: 2 } });
    first.close();
    const again = new SettingsStore(openDatabase(file));
    expect(again.get()).toMatchObject({
      hostName: 'Ana',
      controlServer: { enabled: true, allowLan: true, port: DEFAULT_CONTROL_PORT },
      selling: { autoUnpinSeconds: null, claimsFromChat: true, claimLimitPerViewer: 2 },
    });
  });

  it('falls back to defaults when the stored value is damaged instead of failing to start', () => {
    const db = openDatabase(path.join(tempDir(), 'studio.sqlite'));
    db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('studio.settings', '{\"controlServer\":{\"port\":\"x\"}}', 0)").run();
    expect(new SettingsStore(db).get().controlServer.port).toBe(DEFAULT_CONTROL_PORT);
  });

  it('creates the control token once and keeps it until replaced', () => {
    const db = openDatabase(path.join(tempDir(), 'studio.sqlite'));
    const store = new SettingsStore(db);
    let made = 0;
    const make = () => `token-number-${++made}-abcdefgh`;
    const token = store.controlToken(make);
    expect(store.controlToken(make)).toBe(token);
    expect(made).toBe(1);
    store.setControlToken('replacement-token-123456');
    expect(store.controlToken(make)).toBe('replacement-token-123456');
  });

  it('keeps the remote SFU host token apart: saved by a patch, never part of the settings', () => {
    const file = path.join(tempDir(), 'studio.sqlite');
    const store = new SettingsStore(openDatabase(file));
    expect(store.sfuHostToken()).toBe('');
    const patch = settingsPatchSchema.parse({ sfu: { url: 'wss://live.example.com', hostToken: '  s3cret-token  ' } });
    const saved = store.update(patch);
    expect(JSON.stringify(saved)).not.toContain('s3cret');
    expect(JSON.stringify(store.get())).not.toContain('s3cret');
    expect(store.sfuHostToken()).toBe('s3cret-token');
    // Other changes leave it alone; "" forgets it.
    store.update({ hostName: 'Ana' });
    expect(new SettingsStore(openDatabase(file)).sfuHostToken()).toBe('s3cret-token');
    store.update(settingsPatchSchema.parse({ sfu: { hostToken: '' } }));
    expect(store.sfuHostToken()).toBe('');
  });

  it('keeps the OBS password apart from the settings, across a reopen', () => {
    const file = path.join(tempDir(), 'studio.sqlite');
    const store = new SettingsStore(openDatabase(file));
    expect(store.obsPassword()).toBe('');
    store.setObsPassword('obs-pass-123');
    store.update({ obs: { address: 'ws://192.168.1.5:4455', overlayScene: 'Main' } });
    expect(JSON.stringify(store.get())).not.toContain('obs-pass-123');
    const again = new SettingsStore(openDatabase(file));
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
