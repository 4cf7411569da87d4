import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/temp-dir.js';
import { FileSecretStore, plainSecretsFile, streamKeyName, streamKeyOwner, type SecretCodec } from './secret-store.js';

describe('FileSecretStore', () => {
  it('keeps secrets in a file only this user account can read, across a restart, and says where', () => {
    const dir = tempDir();
    const file = plainSecretsFile(dir);
    const store = new FileSecretStore(file);
    expect(store.get('obs.password')).toBeNull();
    store.set('obs.password', 'pa55');
    store.set('sfu.hostToken', 'host-token');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const again = new FileSecretStore(file);
    expect(again.get('obs.password')).toBe('pa55');
    again.delete('obs.password');
    expect(new FileSecretStore(file).get('obs.password')).toBeNull();
    expect(new FileSecretStore(file).get('sfu.hostToken')).toBe('host-token');
    expect(store.whereStored).toBe(`Stored in ${file}, readable only by your user account.`);
    // Nothing else is left behind (the temporary file is renamed over the old one).
    expect(fs.readdirSync(dir)).toEqual([path.basename(file)]);
  });

  it('tightens a file that was readable by others on the next write', () => {
    const file = plainSecretsFile(tempDir());
    fs.writeFileSync(file, '{}', { mode: 0o644 });
    new FileSecretStore(file).set('obs.password', 'x');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('writes values through its codec and ignores one the codec can no longer read', () => {
    const file = plainSecretsFile(tempDir());
    const reversing: SecretCodec = {
      encode: (value) => [...value].reverse().join(''),
      decode: (stored) => {
        if (stored.startsWith('!')) throw new Error('not ours');
        return [...stored].reverse().join('');
      },
    };
    const store = new FileSecretStore(file, reversing, 'in the keychain');
    store.set('obs.password', 'abc');
    expect(fs.readFileSync(file, 'utf8')).not.toContain('abc');
    expect(new FileSecretStore(file, reversing).get('obs.password')).toBe('abc');
    fs.writeFileSync(file, JSON.stringify({ 'obs.password': '!garbage' }));
    expect(new FileSecretStore(file, reversing).get('obs.password')).toBeNull();
  });

  it('asks its codec (the keychain) once per value, not on every read, and again after a change', () => {
    let decodes = 0;
    const counting: SecretCodec = { encode: (value) => value, decode: (stored) => (decodes++, stored) };
    const store = new FileSecretStore(plainSecretsFile(tempDir()), counting);
    store.set('controlServer.link.host', 'a');
    for (let i = 0; i < 5; i++) expect(store.get('controlServer.link.host')).toBe('a');
    expect(decodes).toBe(1);
    store.set('controlServer.link.host', 'b');
    expect(store.get('controlServer.link.host')).toBe('b');
    expect(decodes).toBe(2);
  });

  it('starts empty from a damaged file instead of failing to start', () => {
    const file = plainSecretsFile(tempDir());
    fs.writeFileSync(file, '{not json');
    const store = new FileSecretStore(file);
    expect(store.get('obs.password')).toBeNull();
    store.set('obs.password', 'fresh');
    expect(new FileSecretStore(file).get('obs.password')).toBe('fresh');
  });

  it('keeps one stream key per destination, named by its id, and lists the names it holds (never values, never strangers)', () => {
    const file = plainSecretsFile(tempDir());
    const store = new FileSecretStore(file);
    store.set(streamKeyName(7), 'live_7_abc');
    store.set(streamKeyName(12), 'FB-12-xyz?s_bl=1');
    store.set('obs.password', 'pw');
    // A name the studio does not use (a hand edit, a newer version's) is left alone and not listed.
    fs.writeFileSync(file, JSON.stringify({ ...JSON.parse(fs.readFileSync(file, 'utf8')), 'something.else': 'x', 'streamKey.abc': 'y' }));
    const again = new FileSecretStore(file);
    expect(again.names().sort()).toEqual(['obs.password', 'streamKey.12', 'streamKey.7']);
    expect(again.get('streamKey.12')).toBe('FB-12-xyz?s_bl=1');
    again.delete(streamKeyName(7));
    expect(new FileSecretStore(file).names().sort()).toEqual(['obs.password', 'streamKey.12']);
    expect([streamKeyOwner('streamKey.12'), streamKeyOwner('streamKey.0'), streamKeyOwner('streamKey.1x'), streamKeyOwner('obs.password')]).toEqual([
      12,
      null,
      null,
      null,
    ]);
  });
});
