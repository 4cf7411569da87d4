import { describe, expect, it } from 'vitest';
import { signalRequestSchema } from './protocol.js';

const parse = (frame: object) => signalRequestSchema.safeParse({ requestId: 1, ...frame }).success;
const message = { id: 'm1', viewerId: 'v_1', name: 'Anna', role: 'viewer', text: 'hi', ts: 1 };

describe('chat requests', () => {
  it('lets a viewer join with a name and a viewer key, or with neither', () => {
    expect(parse({ type: 'join', show: 's', role: 'viewer' })).toBe(true);
    expect(parse({ type: 'join', show: 's', role: 'viewer', name: 'Anna', viewerKey: '123e4567-e89b-12d3-a456-426614174000' })).toBe(true);
    expect(parse({ type: 'join', show: 's', role: 'viewer', viewerKey: 'short' })).toBe(false);
    expect(parse({ type: 'join', show: 's', role: 'viewer', viewerKey: 'has spaces in it, sixteen+' })).toBe(false);
    expect(parse({ type: 'join', show: 's', role: 'host', hostToken: 't', name: 'Anna' })).toBe(false);
  });

  it('checks the shapes of chatSend, chatPublish, chatDelete, chatPinMessage and chatNotice', () => {
    expect(parse({ type: 'chatSend', text: 'hello' })).toBe(true);
    expect(parse({ type: 'chatSend', text: '' })).toBe(false);
    expect(parse({ type: 'chatSend', text: 'x'.repeat(4001) })).toBe(false);
    expect(parse({ type: 'chatPublish', message })).toBe(true);
    expect(parse({ type: 'chatPublish', message: { ...message, viewerId: null, role: 'host' } })).toBe(true);
    expect(parse({ type: 'chatPublish', message: { ...message, html: '<b>' } })).toBe(false);
    expect(parse({ type: 'chatPublish', message: { ...message, role: 'admin' } })).toBe(false);
    expect(parse({ type: 'chatDelete', messageId: 'm1' })).toBe(true);
    expect(parse({ type: 'chatPinMessage', message: null })).toBe(true);
    expect(parse({ type: 'chatNotice', viewerId: 'v_1', text: 'You are timed out for 10 seconds.' })).toBe(true);
    expect(parse({ type: 'chatNotice', viewerId: 'v_1', text: '' })).toBe(false);
  });

  it('lets a host join saying it confirms stored chat, and checks chatStored', () => {
    expect(parse({ type: 'join', show: 's', role: 'host', hostToken: 't', confirmsChat: true })).toBe(true);
    expect(parse({ type: 'join', show: 's', role: 'host', hostToken: 't', confirmsChat: 'yes' })).toBe(false);
    expect(parse({ type: 'join', show: 's', role: 'viewer', confirmsChat: true })).toBe(false);
    expect(parse({ type: 'chatStored', messageId: 'm1' })).toBe(true);
    expect(parse({ type: 'chatStored', messageId: '' })).toBe(false);
    expect(parse({ type: 'chatStored', messageId: 'm1', status: 'approved' })).toBe(false);
  });
});
