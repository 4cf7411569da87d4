/**
 * The thin safeStorage adapter, with a stand-in for Electron's safeStorage
 * (Electron cannot run here). The store itself is tested in
 * src/main/settings/secret-store.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/temp-dir.js';
import { keychainSecretStore } from './keychain-secret-store.js';

/** Stands in for the OS keychain: "encrypts" by reversing bytes behind a marker. */
const fakeSafeStorage = (available: boolean) => ({
  isEncryptionAvailable: () => available,
  getSelectedStorageBackend: () => (available ? ('gnome_libsecret' as const) : ('basic_text' as const)),
  encryptString: (text: string) => Buffer.concat([Buffer.from('KEYCHAIN:'), Buffer.from(text).reverse()]),
  decryptString: (data: Buffer) => {
    if (!data.subarray(0, 9).equals(Buffer.from('KEYCHAIN:'))) throw new Error('not encrypted by this keychain');
    return Buffer.from(data.subarray(9)).reverse().toString();
  },
});

describe('keychainSecretStore', () => {
  it('writes only what the keychain encrypted, and reads it back', () => {
    const dir = tempDir();
    const store = keychainSecretStore(fakeSafeStorage(true), dir);
    store.set('obs.password', 'obs-secret-pass');
    const file = path.join(dir, 'secrets.enc.json');
    expect(fs.readFileSync(file, 'utf8')).not.toContain('obs-secret-pass');
    expect(keychainSecretStore(fakeSafeStorage(true), dir).get('obs.password')).toBe('obs-secret-pass');
    expect(store.whereStored).toBe('Stored encrypted by your system keychain.');
  });

  it('falls back to the 0600 file, and says so, where there is no keychain', () => {
    const dir = tempDir();
    const store = keychainSecretStore(fakeSafeStorage(false), dir);
    store.set('obs.password', 'x');
    expect(fs.statSync(path.join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);
    expect(store.whereStored).toContain('no system keychain was found');
  });

  it('moves the plain file of a start without a keychain into the keychain once there is one', () => {
    const dir = tempDir();
    const before = keychainSecretStore(fakeSafeStorage(false), dir);
    before.set('obs.password', 'obs-secret-pass');
    before.set('controlServer.link.host', 'host-token-from-plain');
    before.set('streamKey.3', 'live_123_stream-key-from-plain');
    const encryptedFirst = keychainSecretStore(fakeSafeStorage(true), dir);
    expect(encryptedFirst.get('obs.password')).toBe('obs-secret-pass');
    expect(fs.existsSync(path.join(dir, 'secrets.json'))).toBe(false);
    const file = fs.readFileSync(path.join(dir, 'secrets.enc.json'), 'utf8');
    expect(file).not.toContain('obs-secret-pass');
    expect(file).not.toContain('host-token-from-plain');
    expect(file).not.toContain('stream-key-from-plain');
    expect(keychainSecretStore(fakeSafeStorage(true), dir).get('controlServer.link.host')).toBe('host-token-from-plain');
    // A destination's stream key moves too (its name is made from the destination's id).
    expect(keychainSecretStore(fakeSafeStorage(true), dir).get('streamKey.3')).toBe('live_123_stream-key-from-plain');
  });

  it('keeps a value the keychain already holds over the plain one', () => {
    const dir = tempDir();
    keychainSecretStore(fakeSafeStorage(true), dir).set('obs.password', 'newer');
    keychainSecretStore(fakeSafeStorage(false), dir).set('obs.password', 'older');
    expect(keychainSecretStore(fakeSafeStorage(true), dir).get('obs.password')).toBe('newer');
    expect(fs.existsSync(path.join(dir, 'secrets.json'))).toBe(false);
  });
});
