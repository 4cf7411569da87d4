import { readStored, writeStored } from './page-storage.js';
/**
 * Runs in the viewer's browser. Who this viewer is in chat, kept in
 * localStorage: a random viewerKey (the SFU turns it into a stable anonymous
 * id, so the same phone keeps its name) and the display name once chosen.
 * Storage can be unavailable (private mode): then both last for the page.
 */

const KEY_ITEM = 'lss:chat:viewerKey';
const NAME_ITEM = 'lss:chat:name';

/** 32 hex characters; getRandomValues works on plain http too (randomUUID needs a secure context). */
function newViewerKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export class ChatIdentityStore {
  readonly viewerKey: string;
  private currentName: string | null;

  constructor() {
    const stored = readStored(KEY_ITEM);
    this.viewerKey = stored && /^[A-Za-z0-9_-]{16,128}$/.test(stored) ? stored : newViewerKey();
    if (stored !== this.viewerKey) writeStored(KEY_ITEM, this.viewerKey);
    this.currentName = readStored(NAME_ITEM);
  }

  get name(): string | null {
    return this.currentName;
  }

  /** The name the SFU gave (a taken name comes back with a suffix: "Anna 2"). */
  setName(name: string): void {
    this.currentName = name;
    writeStored(NAME_ITEM, name);
  }
}
