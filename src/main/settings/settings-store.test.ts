import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/temp-dir.js';
import { openDatabase } from '../db/open-database.js';
import { SettingsStore } from './settings-store.js';
import { DEFAULT_CONTROL_PORT } from '../../shared/domain/settings.js';

describe('SettingsStore', () => {
  it('starts from defaults and keeps updates across a reopen of the file', () => {
    const file = path.join(tempDir(), 'studio.sqlite');
    const first = openDatabase(file);
    const store = new SettingsStore(first);
    expect(store.get()).toEqual({ hostName: '', controlServer: { enabled: true, allowLan: false, port: DEFAULT_CONTROL_PORT }, sfu: { url: '' } });
    store.update({ hostName: 'Ana', controlServer: { allowLan: true } });
    first.close();
    const again = new SettingsStore(openDatabase(file));
    expect(again.get()).toMatchObject({ hostName: 'Ana', controlServer: { enabled: true, allowLan: true, port: DEFAULT_CONTROL_PORT } });
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
});
