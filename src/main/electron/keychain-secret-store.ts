import fs from 'node:fs';
import path from 'node:path';
import type { SafeStorage } from 'electron';
import { FileSecretStore, type SecretStore } from '../settings/secret-store.js';

/**
 * The desktop app's secrets: each value encrypted by the OS keychain through
 * Electron's safeStorage (Keychain on macOS, DPAPI on Windows, the Secret
 * Service or KWallet on Linux), kept in `<userData>/secrets.enc.json`.
 * Call after the app is ready (safeStorage needs it).
 *
 * Where no keychain is available (a Linux without one: safeStorage would
 * only obfuscate), the secrets fall back to the plain file of the browser
 * mode, readable only by the user, and Settings says so; they move into the
 * keychain on the first start that has one.
 */
export function keychainSecretStore(
  safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>,
  dataDir: string,
): SecretStore {
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os';
  if (!safeStorage.isEncryptionAvailable() || backend === 'basic_text' || backend === 'unknown') {
    const file = path.join(dataDir, 'secrets.json');
    return new FileSecretStore(file, undefined, `Stored in ${file}, readable only by your user account (no system keychain was found).`);
  }
  const encrypted = new FileSecretStore(
    path.join(dataDir, 'secrets.enc.json'),
    {
      encode: (value) => safeStorage.encryptString(value).toString('base64'),
      decode: (stored) => safeStorage.decryptString(Buffer.from(stored, 'base64')),
    },
    'Stored encrypted by your system keychain.',
  );
  moveIntoKeychain(path.join(dataDir, 'secrets.json'), encrypted);
  return encrypted;
}

/**
 * An install that started without a keychain (and kept its secrets in the
 * plain file) has one now: the plain values move into the keychain's file
 * (a value already there wins) and the plain file is deleted.
 */
function moveIntoKeychain(plainFile: string, encrypted: SecretStore): void {
  if (!fs.existsSync(plainFile)) return;
  const plain = new FileSecretStore(plainFile);
  for (const name of plain.names()) {
    const value = plain.get(name);
    if (value !== null && encrypted.get(name) === null) encrypted.set(name, value);
  }
  fs.rmSync(plainFile, { force: true });
}
