import { describe, expect, it } from 'vitest';
import { salvageRequestId, signalRequestSchema } from './protocol.js';

const parse = (frame: unknown) => signalRequestSchema.safeParse(frame);

describe('signalRequestSchema', () => {
  it('accepts each request type in its documented shape', () => {
    const frames = [
      { type: 'join', requestId: 1, show: 'spring-sale', role: 'viewer' },
      { type: 'join', requestId: 2, show: 'spring-sale', role: 'host', hostToken: 't' },
      { type: 'routerRtpCapabilities', requestId: 3 },
      { type: 'createTransport', requestId: 4, direction: 'recv' },
      { type: 'connectTransport', requestId: 5, transportId: 'a', dtlsParameters: { role: 'client', fingerprints: [{ algorithm: 'sha-256', value: 'AB' }] } },
      { type: 'restartIce', requestId: 6, transportId: 'a' },
      { type: 'produce', requestId: 7, transportId: 'a', kind: 'video', rtpParameters: { codecs: [{ mimeType: 'video/VP8', payloadType: 96, clockRate: 90000 }], encodings: [{}, {}, {}] } },
      { type: 'closeProducer', requestId: 8, producerId: 'p' },
      { type: 'consume', requestId: 9, transportId: 'a', producerId: 'p', rtpCapabilities: { codecs: [] } },
      { type: 'resume', requestId: 10, consumerId: 'c' },
      { type: 'setPin', requestId: 11, card: { productId: '1', title: 'T', price: null } },
      { type: 'clearPin', requestId: 12 },
      { type: 'mintPublishToken', requestId: 14 },
      { type: 'mintPublishToken', requestId: 15, ttlSeconds: 600 },
      { type: 'leave', requestId: 13 },
    ];
    for (const frame of frames) expect(parse(frame).success, JSON.stringify(frame)).toBe(true);
  });

  it.each([
    ['no requestId', { type: 'leave' }],
    ['negative requestId', { type: 'leave', requestId: -1 }],
    ['unknown type', { type: 'dropTables', requestId: 1 }],
    ['host without token', { type: 'join', requestId: 1, show: 's', role: 'host' }],
    ['viewer with a token', { type: 'join', requestId: 1, show: 's', role: 'viewer', hostToken: 't' }],
    ['unknown role', { type: 'join', requestId: 1, show: 's', role: 'admin' }],
    ['show id with a slash', { type: 'join', requestId: 1, show: 'a/b', role: 'viewer' }],
    ['show id too long', { type: 'join', requestId: 1, show: 'a'.repeat(65), role: 'viewer' }],
    ['unknown direction', { type: 'createTransport', requestId: 1, direction: 'both' }],
    ['kind data', { type: 'produce', requestId: 1, transportId: 'a', kind: 'data', rtpParameters: { codecs: [{ mimeType: 'x', payloadType: 1, clockRate: 1 }] } }],
    ['no codecs', { type: 'produce', requestId: 1, transportId: 'a', kind: 'video', rtpParameters: { codecs: [] } }],
    ['five simulcast layers', { type: 'produce', requestId: 1, transportId: 'a', kind: 'video', rtpParameters: { codecs: [{ mimeType: 'x', payloadType: 1, clockRate: 1 }], encodings: [{}, {}, {}, {}, {}] } }],
    ['no fingerprints', { type: 'connectTransport', requestId: 1, transportId: 'a', dtlsParameters: { fingerprints: [] } }],
    ['extra field', { type: 'leave', requestId: 1, sneaky: true }],
  ])('refuses a frame with %s', (_name, frame) => {
    expect(parse(frame).success).toBe(false);
  });

  it('salvages a usable requestId from a refused frame only', () => {
    expect(salvageRequestId({ type: 'nope', requestId: 42 })).toBe(42);
    expect(salvageRequestId({ requestId: '42' })).toBeUndefined();
    expect(salvageRequestId({ requestId: 1.5 })).toBeUndefined();
    expect(salvageRequestId(null)).toBeUndefined();
    expect(salvageRequestId([1])).toBeUndefined();
  });
});
