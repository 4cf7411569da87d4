/**
 * A big import while the show runs: the file is read in the parser's own
 * thread, so viewers' chat keeps flowing through the studio (viewer → SFU →
 * studio → moderation → viewers) while it is read.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { writeShopifyCatalog } from '../../../bench/shopify-catalog-file.js';
import { TestSignalClient } from '../../../tests/harness/signal-client.js';
import { startTestStudio, until, type TestStudio } from '../../../tests/harness/test-studio.js';
import { tempDir } from '../../../tests/support/temp-dir.js';
import type { CatalogPage, ImportProgress } from '../../shared/domain/catalog.js';
import type { ModerationRules } from '../../shared/domain/chat.js';
import type { SfuServer } from '../../sfu/index.js';
import { ParseSession } from '../catalog/import/parse-session.js';

let s: TestStudio;
const clients: TestSignalClient[] = [];
beforeAll(async () => {
  s = await startTestStudio(tempDir());
  await s.waitForStatus((st) => st.state === 'connected', 'the link to the built-in SFU');
  const rules = await s.call<ModerationRules>('studio:chat:get-rules');
  await s.call('studio:chat:set-rules', { ...rules, duplicateWindowSeconds: 0 });
});
afterAll(async () => {
  for (const c of clients) c.close();
  await s.close();
});

async function viewer(name: string, viewerKey: string) {
  const { signalUrl, room } = s.core.live.status();
  const client = await TestSignalClient.connect({ signalUrl } as SfuServer);
  clients.push(client);
  await client.requests.request({ type: 'join', show: room, role: 'viewer', viewerKey, name });
  return client;
}

describe('a 100,000-row import during a show', () => {
  it('chat sent while the file is read reaches viewers while it is still being read, and the file is read off the main thread', async () => {
    const file = path.join(tempDir(), 'big-store.csv');
    const catalog = await writeShopifyCatalog(file, 20_000, 5);
    expect(catalog.variantRows).toBe(100_000);
    const anna = await viewer('Anna', 'viewer-key-anna-00000000');
    const ben = await viewer('Ben', 'viewer-key-ben-000000000');
    // The parser's text handling, as seen from this (the main) thread.
    const parsedHere = vi.spyOn(ParseSession.prototype, 'push');

    const phases: string[] = [];
    let rowsRead = 0;
    const finished = new Promise<ImportProgress>((resolve) =>
      s.core.events.subscribe((channel, payload) => {
        if (channel !== 'studio:event:import-progress') return;
        const progress = payload as ImportProgress;
        if (phases.at(-1) !== progress.phase) phases.push(progress.phase);
        if (progress.phase === 'reading') rowsRead = progress.rows;
        if (progress.phase !== 'reading' && progress.phase !== 'saving') resolve(progress);
      }),
    );
    await s.call('studio:catalog:start-import', { source: { kind: 'path', path: file }, format: 'auto' });
    // Once the parser has reported rows, the file is being read: now chat, and ask the studio something.
    await until(() => rowsRead, (rows) => rows > 0, 'the first rows read', 60_000);
    await anna.requests.request({ type: 'chatSend', text: 'Is the blue one still there?' });
    await ben.waitFor((m) => m.type === 'chatMessage' && m.message.text === 'Is the blue one still there?', 60_000);
    const page = await s.call<CatalogPage>('studio:catalog:search', { query: '', offset: 0, limit: 10 });
    // Still reading: the 'saving' phase (the one transaction, on this thread) has not begun.
    expect(phases).toEqual(['reading']);
    expect(page.rows).toEqual([]);

    const done = await finished;
    expect(done).toMatchObject({ phase: 'done', report: { variants: 100_000 } });
    expect(phases).toEqual(['reading', 'saving', 'done']);
    expect(parsedHere).not.toHaveBeenCalled();
    // Bounds for a hang only: a 100,000-row import on a loaded 2-core machine is slow.
  }, 180_000);
});
