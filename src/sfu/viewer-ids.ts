import crypto from 'node:crypto';

/**
 * Anonymous, stable viewer ids. The watch page keeps a random `viewerKey` in
 * localStorage; the id other people (and the studio) see is a keyed hash of
 * it, so the key itself — which would let anyone speak as that viewer — is
 * never exposed. The salt must outlive restarts for bans to hold across
 * shows: the studio keeps one in its database; `studio sfu` reads
 * LSS_SFU_VIEWER_ID_SALT and otherwise makes one per run.
 */
export class ViewerIds {
  private readonly salt: Buffer;

  constructor(salt: string | null) {
    this.salt = salt ? Buffer.from(salt, 'utf8') : crypto.randomBytes(32);
  }

  /** The id for a viewer key; without one, a fresh id that lasts for one connection. */
  derive(viewerKey: string | undefined): string {
    const digest = viewerKey
      ? crypto.createHmac('sha256', this.salt).update(viewerKey, 'utf8').digest()
      : crypto.randomBytes(16);
    return `v_${digest.subarray(0, 16).toString('base64url')}`;
  }
}
