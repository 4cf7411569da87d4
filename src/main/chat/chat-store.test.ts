import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/temp-dir.js';
import type { ChatMessage } from '../../shared/domain/chat.js';
import { defaultModerationRules } from '../../shared/moderation/rules.js';
import { openDatabase } from '../db/open-database.js';
import { CHAT_QUERIES, ChatStore } from './chat-store.js';
import { freshQueryPlanSteps } from '../../../tests/support/query-plan.js';

const message = (id: string, values: Partial<ChatMessage> = {}): ChatMessage => ({
  id,
  showId: null,
  viewerId: 'v_1',
  name: 'Anna',
  role: 'viewer',
  text: 'hi',
  ts: 1,
  status: 'approved',
  reasons: [],
  question: false,
  decidedBy: 'auto',
  decidedAt: 1,
  ...values,
});

describe('the chat store', () => {
  it('stores a message with its decision, and every later decision with who and why', () => {
    const store = new ChatStore(openDatabase(path.join(tempDir(), 'chat.sqlite')));
    store.insert(message('m1', { status: 'held', reasons: ['link'] }), { action: 'hold', reasons: ['link'], by: 'auto', at: 5 });
    store.update(message('m1', { status: 'approved', reasons: ['link'], decidedBy: 'host', decidedAt: 9 }), {
      action: 'approve',
      reasons: ['link'],
      by: 'host',
      at: 9,
    });
    expect(store.message('m1')).toMatchObject({ status: 'approved', reasons: ['link'], decidedBy: 'host', decidedAt: 9 });
    expect(store.decisions('m1')).toEqual([
      { action: 'hold', reasons: ['link'], by: 'auto', at: 5, note: null },
      { action: 'approve', reasons: ['link'], by: 'host', at: 9, note: null },
    ]);
  });

  it('counts messages per viewer and keeps bans, timeouts and flags', () => {
    const store = new ChatStore(openDatabase(path.join(tempDir(), 'chat.sqlite')));
    store.sawViewer('v_1', 'Anna', 10);
    expect(store.sawViewer('v_1', 'Anna 2', 20)).toMatchObject({ name: 'Anna 2', messageCount: 2, lastSeenAt: 20, banned: false });
    expect(store.setViewerFlags('v_1', { banned: true, timedOutUntil: 99 }, 30)).toMatchObject({ banned: true, timedOutUntil: 99 });
    expect(store.setViewerFlags('v_1', { moderator: true }, 31)).toMatchObject({ banned: true, moderator: true, timedOutUntil: 99 });
    expect(store.setViewerFlags('v_1', { banned: false, timedOutUntil: null }, 32)).toMatchObject({ banned: false, timedOutUntil: null });
    expect(store.setViewerFlags('v_nobody', { banned: true }, 1)).toBeNull();
  });

  it('uses the show’s rules, else the last saved, else the defaults; keeps one salt', () => {
    const db = openDatabase(path.join(tempDir(), 'chat.sqlite'));
    const store = new ChatStore(db);
    expect(store.rules(null)).toEqual(defaultModerationRules());
    const show = Number(db.prepare("INSERT INTO shows (name, created_at) VALUES ('Friday', 1)").run().lastInsertRowid);
    store.saveRules(show, { ...defaultModerationRules(), blockedTerms: ['scam'] }, 1);
    expect(store.rules(show).blockedTerms).toEqual(['scam']);
    expect(store.rules(null).blockedTerms).toEqual(['scam']);
    store.saveRules(null, { ...defaultModerationRules(), links: 'block' }, 2);
    expect(store.rules(show)).toMatchObject({ blockedTerms: ['scam'], links: 'hold' });
    expect(store.viewerIdSalt()).toBe(store.viewerIdSalt());
  });
});

describe('query plans of the chat’s hot queries', () => {
  const planOf = freshQueryPlanSteps;

  it.each([
    ['a show’s log', CHAT_QUERIES.showLog, [1, 100], 'chat_messages_by_show'],
    ['no show’s log', CHAT_QUERIES.showLog, [null, 100], 'chat_messages_by_show'],
    ['recent approved', CHAT_QUERIES.recentApproved, [1, 50], 'chat_messages_by_show'],
    ['the review queue', CHAT_QUERIES.heldQueue, [1], 'chat_messages_held'],
  ])('%s: searched through its index, no sort', (_name, sql, params, index) => {
    const plan = planOf(sql, ...params);
    expect(plan).toEqual([expect.stringMatching(new RegExp(`^SEARCH chat_messages USING INDEX ${index} \\(show_id=\\?\\)`))]);
  });

  it('the viewer list walks its index, no sort', () => {
    expect(planOf(CHAT_QUERIES.viewers, 100)).toEqual(['SCAN chat_viewers USING INDEX chat_viewers_by_last_seen']);
  });
});
