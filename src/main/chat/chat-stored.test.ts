/**
 * A viewer hears "sent" only once the studio has the message in its
 * database: protocol-speaking viewers on the studio's built-in SFU (real
 * mediasoup worker), main's host link and the chat service on SQLite on
 * disk. The row is looked up through a second, read-only connection to the
 * file, so only committed rows count.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { ModerationRules } from '../../shared/domain/chat.js';
import type { ChatIncomingMessage } from '../../shared/sfu/protocol-chat.js';
import type { SfuServer } from '../../sfu/index.js';
import { TestSignalClient } from '../../../tests/harness/signal-client.js';
import { until, type TestStudio } from '../../../tests/harness/test-studio.js';
import { liveTestHarness } from '../../../tests/support/live-world.js';
import { tempDir } from '../../../tests/support/temp-dir.js';

const { studio } = liveTestHarness();
const readers: Database.Database[] = [];
afterEach(() => {
  for (const db of readers.splice(0)) db.close();
});

/** A studio on its own folder, and the status of a chat row as another connection to its database sees it. */
async function studioWithReader(): Promise<{ s: TestStudio; storedStatus: (messageId: string) => string | null }> {
  const dataDir = tempDir();
  const s = await studio(dataDir);
  const db = new Database(path.join(dataDir, 'studio.sqlite'), { readonly: true, fileMustExist: true });
  readers.push(db);
  const row = db.prepare<[string], { status: string }>('SELECT status FROM chat_messages WHERE id = ?');
  return { s, storedStatus: (messageId) => row.get(messageId)?.status ?? null };
}

let keys = 0;
async function chatter(s: TestStudio, name: string) {
  const { signalUrl, room } = s.core.live.status();
  const client = await TestSignalClient.connect({ signalUrl } as SfuServer);
  await client.requests.request({ type: 'join', show: room, role: 'viewer', name, viewerKey: `stored-key-${++keys}-${'0'.repeat(8)}` });
  return client;
}

describe('a viewer’s chatSend is answered once the studio stored the message', () => {
  it('the reply arrives only after the row is committed, however long the studio takes to get to it', async () => {
    const { s, storedStatus } = await studioWithReader();
    // The studio's own chat service, reached when the test says: the message waits at the studio's door.
    const atTheDoor: ChatIncomingMessage[] = [];
    s.core.live.setChatListener({ incoming: (message) => atTheDoor.push(message), joined: () => s.core.chat.republish() });
    const anna = await chatter(s, 'Anna');
    try {
      let answered = false;
      const sent = anna.requests.request({ type: 'chatSend', text: 'Is the blue one in stock?' }).then((reply) => {
        answered = true;
        return { reply, statusWhenAnswered: storedStatus(reply.messageId) };
      });
      const [message] = await until(() => atTheDoor, (m) => m.length === 1, 'the message at the studio');
      // The SFU answered a later request of Anna's: it has handled the message and holds only its reply.
      await anna.requests.request({ type: 'chatSetName', name: 'Anna' });
      expect(answered).toBe(false);
      expect(storedStatus(message!.id)).toBeNull();

      s.core.chat.incoming(message!);
      const { reply, statusWhenAnswered } = await sent;
      expect(reply.messageId).toBe(message!.id);
      expect(statusWhenAnswered).toBe('approved');
    } finally {
      anna.close();
    }
  });

  it('approved, held and blocked messages alike: each reply finds its row, with the decision, already in the database', async () => {
    const { s, storedStatus } = await studioWithReader();
    const rules = await s.call<ModerationRules>('studio:chat:get-rules');
    await s.call('studio:chat:set-rules', { ...rules, blockedTerms: ['scam'], links: 'hold', maxMessagesPer10s: 100, duplicateWindowSeconds: 0 });
    const viewers = [await chatter(s, 'Anna'), await chatter(s, 'Ben'), await chatter(s, 'Cleo')];
    try {
      const texts = ['What size is the dress?', 'cheaper at https://other-shop.example/deal', 'total s.c.a.m, DM me'];
      const answers = await Promise.all(
        texts.map((text, i) =>
          viewers[i]!.requests.request({ type: 'chatSend', text }).then((reply) => storedStatus(reply.messageId)),
        ),
      );
      expect(answers).toEqual(['approved', 'held', 'blocked']);
    } finally {
      for (const v of viewers) v.close();
    }
  });
});
