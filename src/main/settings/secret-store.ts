import fs from 'node:fs';
import path from 'node:path';

/**
 * The studio's secrets: the team's control-server tokens, the remote SFU's
 * host token, the OBS password and each multistream destination's stream
 * key. They never go into the settings a UI reads, nor into the database
 * file a host may copy or send for support.
 */
export const SECRET_NAMES = [
  'controlServer.link.host',
  'controlServer.link.producer',
  'controlServer.link.moderator',
  'sfu.hostToken',
  'obs.password',
] as const;
/** A destination's stream key (`destinations.id`, src/main/egress): one secret per destination. */
export type StreamKeyName = `streamKey.${number}`;
export type SecretName = (typeof SECRET_NAMES)[number] | StreamKeyName;

export const streamKeyName = (destinationId: number): StreamKeyName => `streamKey.${destinationId}`;

/** The destination a stream key belongs to, or null for any other name. */
export function streamKeyOwner(name: string): number | null {
  const match = /^streamKey\.([1-9]\d{0,15})$/.exec(name);
  return match ? Number(match[1]) : null;
}

const isSecretName = (name: string): name is SecretName => (SECRET_NAMES as readonly string[]).includes(name) || streamKeyOwner(name) !== null;

export interface SecretStore {
  get(name: SecretName): string | null;
  set(name: SecretName, value: string): void;
  delete(name: SecretName): void;
  /** The names that have a value (never the values): to move them, or to drop stream keys whose destination is gone. */
  names(): SecretName[];
  /** Where the secrets are kept, in a sentence for the Settings screen. */
  readonly whereStored: string;
}

/** How values are written to the file: as they are, or encrypted by the OS keychain (Electron's safeStorage). */
export interface SecretCodec {
  encode(value: string): string;
  decode(stored: string): string;
}

const PLAIN: SecretCodec = { encode: (value) => value, decode: (stored) => stored };

/**
 * Secrets in one JSON file readable only by this user account (mode 0600),
 * written whole to a temporary file and renamed, so a crash mid-write leaves
 * the old file. The browser mode keeps them as they are; the desktop app
 * passes a codec that encrypts each value with the OS keychain.
 */
export class FileSecretStore implements SecretStore {
  private values: Map<string, string> | null = null;
  /** Decoded values: the keychain is asked once per value, not on every request that checks a token. */
  private readonly decoded = new Map<string, string | null>();

  constructor(
    readonly filePath: string,
    private readonly codec: SecretCodec = PLAIN,
    readonly whereStored = `Stored in ${filePath}, readable only by your user account.`,
  ) {}

  get(name: SecretName): string | null {
    const known = this.decoded.get(name);
    if (known !== undefined) return known;
    const stored = this.load().get(name);
    let value: string | null = null;
    if (stored !== undefined) {
      try {
        value = this.codec.decode(stored);
      } catch (error) {
        // A value the keychain can no longer read (another user, a reset keychain) is as good as none.
        console.warn(`[secrets] ${name} could not be read and is ignored: ${(error as Error).message}`);
      }
    }
    this.decoded.set(name, value);
    return value;
  }

  set(name: SecretName, value: string): void {
    const next = new Map(this.load());
    next.set(name, this.codec.encode(value));
    this.save(next);
  }

  delete(name: SecretName): void {
    const next = new Map(this.load());
    if (!next.delete(name)) return;
    this.save(next);
  }

  names(): SecretName[] {
    return [...this.load().keys()].filter(isSecretName);
  }

  private load(): Map<string, string> {
    if (this.values) return this.values;
    let parsed: unknown = {};
    try {
      parsed = JSON.parse(fs.readFileSync(this.filePath, 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        console.warn(`[secrets] ${this.filePath} is unreadable and is ignored: ${(error as Error).message}`);
      }
    }
    const entries = parsed && typeof parsed === 'object' ? Object.entries(parsed) : [];
    this.values = new Map(entries.filter((e): e is [string, string] => typeof e[1] === 'string'));
    return this.values;
  }

  private save(values: Map<string, string>): void {
    fs.mkdirSync(path.dirname(this.filePath), { recursive: true });
    const temporary = `${this.filePath}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, `${JSON.stringify(Object.fromEntries(values), null, 2)}\n`, { mode: 0o600 });
    // The mode of an existing file is not changed by writeFile: set it in every case.
    fs.chmodSync(temporary, 0o600);
    fs.renameSync(temporary, this.filePath);
    this.values = values;
    this.decoded.clear();
  }
}

/** The browser mode's (and the CLI's) store: `<dataDir>/secrets.json`, mode 0600. */
export const plainSecretsFile = (dataDir: string): string => path.join(dataDir, 'secrets.json');
