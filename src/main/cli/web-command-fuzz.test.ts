/**
 * A storm of random and malformed frames must not stop a show. fast-check
 * sends, to the real `studio web` process, frames a hostile page or a broken
 * client could send: text that is not UTF-8, truncated JSON, huge numbers,
 * deep nesting, wrong types, unknown methods and channels, binary frames and
 * frames over the size cap; to the control server before and after the token,
 * to the SFU signaling before and after a viewer's join. Every run ends when
 * the server answered a well-formed frame sent after the storm or closed the
 * socket (no time waited). After all runs the process is still up, printed no
 * "unexpected error" (the last-resort handler), and valid requests still work.
 *
 * Deterministic: a fixed seed and number of runs (not a fixed time), so a
 * failure replays exactly; fast-check prints the counterexample and seed.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startStudioWebProcess, type StudioWebProcess } from '../../../tests/harness/studio-web-process.js';

const SEED = 1313;
const RUNS_PER_TARGET = 200;
/** The control server's cap (control-server.ts) and the SFU signaling cap (signaling-server.ts). */
const CONTROL_MAX_FRAME = 4 * 1024 * 1024;
const SIGNAL_MAX_FRAME = 64 * 1024;

interface Frame {
  readonly data: string | Buffer;
  readonly binary: boolean;
  readonly [fc.toStringMethod]: () => string;
}

/** A frame; fast-check prints a failing one short (an oversized frame is megabytes). */
const frame = (data: string | Buffer, binary: boolean): Frame => ({
  data,
  binary,
  [fc.toStringMethod]: () => {
    const bytes = Buffer.from(data);
    const head = bytes.length > 120 ? `${bytes.subarray(0, 120).toString('hex')}... (${bytes.length} bytes)` : bytes.toString('hex');
    return `${binary ? 'binary' : 'text'}(${head})`;
  },
});
const text = (data: string): Frame => frame(data, false);

/** Bytes that are not valid UTF-8, sent as a text frame (ws refuses them with 1007). */
const notUtf8 = fc
  .tuple(fc.uint8Array({ maxLength: 64 }), fc.constantFrom(0xff, 0xfe, 0xc0, 0x80, 0xed))
  .map(([bytes, bad]) => frame(Buffer.concat([Buffer.from(bytes), Buffer.from([bad, 0x28])]), false));

const binaryFrame = fc.uint8Array({ maxLength: 512 }).map((bytes) => frame(Buffer.from(bytes), true));

const hugeNumber = fc.oneof(
  fc.constantFrom('1e309', '-1e309', '9'.repeat(400), '1'.repeat(5000), '0.' + '0'.repeat(3000) + '1', '-0', '1e-400'),
  fc.double().map(String),
  fc.bigInt({ min: -(10n ** 60n), max: 10n ** 60n }).map(String),
);

/** `[[[[...]]]]` or `{"a":{"a":...}}` nested up to 50,000 deep (far past any parser's recursion), under `cap` bytes. */
const deepNesting = (cap: number) =>
  fc.tuple(fc.integer({ min: 100, max: Math.min(50_000, Math.floor(cap / 6)) }), fc.boolean()).map(([depth, arrays]) =>
    text(arrays ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)),
  );

const oversized = (cap: number) => fc.constantFrom(frame(Buffer.alloc(cap + 1, 0x20), false), frame(Buffer.alloc(cap + 1, 0x7b), true));

/** Any JSON value, with the numbers and strings an attacker likes. */
const hostileJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.double(),
    fc.integer(),
    fc.constantFrom(Number.MAX_SAFE_INTEGER + 2, -1, 1e308, 0.5),
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    // repo-paths: not a path, a traversal payload the servers must refuse.
    fc.constantFrom('__proto__', 'constructor', '<script>alert(1)</script>', '../../etc/passwd', '\u0000', '\ud800'),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'type', 'requestId', 'id')), tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** A well-formed message, cut anywhere: truncated JSON. */
const truncated = (messages: readonly unknown[]) =>
  fc.tuple(fc.constantFrom(...messages), fc.nat()).map(([message, at]) => {
    const json = JSON.stringify(message);
    return text(json.slice(0, at % json.length));
  });

/** Frames common to both servers. */
const commonFrames = (cap: number, messages: readonly unknown[]) => [
  notUtf8,
  binaryFrame,
  deepNesting(cap),
  truncated(messages),
  hostileJson.map((v) => text(JSON.stringify(v) ?? 'undefined')),
  fc.string({ maxLength: 200 }).map(text),
  hugeNumber.map(text),
];

/**
 * Read-only channels and channels whose any valid input is harmless: a fuzzed
 * input that happens to be valid must not move the SFU or change the token.
 */
const harmlessChannels = [
  'studio:app:info',
  'studio:settings:get',
  'studio:control-server:status',
  'studio:catalog:search',
  'studio:catalog:get-product',
  'studio:catalog:stats',
  'studio:chat:get',
  'studio:chat:viewers',
  'studio:chat:get-rules',
  'studio:live:sfu-status',
  'studio:live:pin-state',
  'studio:live:pin-history',
  'studio:rundown:list-shows',
  'studio:rundown:get',
  'studio:rundown:get-active',
  'studio:scenes:list',
  'studio:selling:list-claims',
  'studio:selling:show-report',
];

const controlRequest = fc.record({
  type: fc.oneof(fc.constant('request'), fc.constant('request'), hostileJson),
  id: fc.oneof(fc.nat(), hugeNumber.map(Number), hostileJson),
  channel: fc.oneof(fc.constantFrom(...harmlessChannels), fc.string({ maxLength: 60 }).map((s) => `studio:${s}`), hostileJson),
  input: hostileJson,
});

const controlFrames = (afterAuth: boolean) =>
  fc.oneof(
    ...commonFrames(CONTROL_MAX_FRAME, [{ type: 'auth', token: 'x'.repeat(43) }, { type: 'request', id: 1, channel: 'studio:app:info' }]),
    // Request frames before the token must not run; after it, wrong types and unknown channels are refused.
    controlRequest.map((r) => text(JSON.stringify(r))),
    // Wrong types in the auth frame itself; a well-formed wrong token is another test's matter (lockout).
    fc.record({ type: fc.constant('auth'), token: fc.oneof(fc.integer(), fc.constant(null), fc.array(fc.string()), fc.string({ minLength: 257, maxLength: 300 })) }).map((r) => text(JSON.stringify(r))),
    ...(afterAuth ? [] : [oversized(CONTROL_MAX_FRAME)]),
  );

const signalTypes = ['join', 'routerRtpCapabilities', 'createTransport', 'connectTransport', 'restartIce', 'produce', 'closeProducer', 'consume', 'resume', 'chat', 'setName', 'leave'];

const signalRequest = (show: string) =>
  fc.record(
    {
      type: fc.oneof(fc.constantFrom(...signalTypes), fc.string({ maxLength: 20 }), hostileJson),
      requestId: fc.oneof(fc.nat(), hugeNumber.map(Number), hostileJson),
      show: fc.oneof(fc.constant(show), fc.string({ maxLength: 80 }), hostileJson),
      role: fc.oneof(fc.constantFrom('viewer', 'host'), hostileJson),
      hostToken: hostileJson,
      transportId: hostileJson,
      direction: fc.oneof(fc.constantFrom('send', 'recv'), hostileJson),
      kind: hostileJson,
      rtpParameters: hostileJson,
      text: hostileJson,
      name: hostileJson,
    },
    { requiredKeys: ['type'] },
  );

const signalFrames = (show: string) =>
  fc.oneof(
    ...commonFrames(SIGNAL_MAX_FRAME, [{ type: 'join', requestId: 1, show, role: 'viewer' }, { type: 'routerRtpCapabilities', requestId: 2 }]),
    signalRequest(show).map((r) => text(JSON.stringify(r))),
    oversized(SIGNAL_MAX_FRAME),
  );

/**
 * Each run comes from its own loopback address (127.0.0.2, .3, ...): the SFU
 * caps new connections per address, and the storm is many senders, not one.
 */
let nextSender = 0;
const nextSenderAddress = () => `127.0.${Math.floor(nextSender / 250)}.${(nextSender++ % 250) + 2}`;

/** A socket that records frames, from `localAddress` (default: 127.0.0.1). */
async function open(url: string, localAddress?: string) {
  const ws = new WebSocket(url, localAddress ? { localAddress } : {});
  // The server may end the connection while our frames are still going out.
  ws.on('error', () => undefined);
  const frames: Array<Record<string, unknown>> = [];
  const waiters: Array<() => void> = [];
  ws.on('message', (data) => {
    frames.push(JSON.parse(data.toString()) as Record<string, unknown>);
    waiters.splice(0).forEach((w) => w());
  });
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  void closed.then(() => waiters.splice(0).forEach((w) => w()));
  await new Promise<void>((resolve, reject) => ws.once('open', () => resolve()).once('error', reject));
  let isClosed = false;
  void closed.then(() => (isClosed = true));
  /** The first frame matching, or 'closed' once the server closed the socket. */
  const answer = async (match: (f: Record<string, unknown>) => boolean): Promise<Record<string, unknown> | 'closed'> => {
    for (;;) {
      const found = frames.find(match);
      if (found) return found;
      if (isClosed) return 'closed';
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  const send = (frame: Frame) => {
    if (ws.readyState === ws.OPEN) ws.send(frame.data, { binary: frame.binary });
  };
  const close = async () => {
    ws.close();
    await closed;
  };
  return { ws, frames, answer, send, close };
}

let studio: StudioWebProcess;
let show: string;
const controlUrl = () => `${studio.origin.replace('http', 'ws')}/api`;

beforeAll(async () => {
  studio = await startStudioWebProcess();
  show = new URL(studio.watchUrl).pathname.split('/').pop()!;
}, 90_000);
afterAll(async () => {
  await studio?.stop();
});

async function expectStillRunning(): Promise<void> {
  const health = await fetch(`${studio.origin}/healthz`).catch((error: unknown) => error as Error);
  if (health instanceof Error) {
    await Promise.race([studio.exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    throw new Error(`The studio stopped answering (exit code ${studio.exitCode()}). It printed:\n${studio.output()}`);
  }
  expect(health.status).toBe(200);
  expect(studio.exitCode()).toBeNull();
  // Every bad frame was heard by a socket's own listener, not by the last-resort handler.
  expect(studio.output()).not.toContain('unexpected error');
}

describe('studio web under a storm of malformed frames', () => {
  it('the control server: before the token and after it', async () => {
    const outcomes = { answered: 0, closed: 0 };
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.array(controlFrames(false), { minLength: 1, maxLength: 4 }), fc.array(controlFrames(true), { minLength: 1, maxLength: 4 }), async (authFirst, before, after) => {
        const client = await open(controlUrl(), nextSenderAddress());
        try {
          if (authFirst) {
            client.send(text(JSON.stringify({ type: 'auth', token: studio.token })));
            if ((await client.answer((f) => f.type === 'auth-ok')) === 'closed') throw new Error('the right token was refused');
            for (const frame of after) client.send(frame);
          } else {
            for (const frame of before) client.send(frame);
          }
          // A well-formed request after the storm: answered, or the socket was closed for what came before.
          if (!authFirst) client.send(text(JSON.stringify({ type: 'auth', token: studio.token })));
          client.send(text(JSON.stringify({ type: 'request', id: 424242, channel: 'studio:app:info' })));
          const answer = await client.answer((f) => f.type === 'response' && f.id === 424242);
          outcomes[answer === 'closed' ? 'closed' : 'answered']++;
          if (answer !== 'closed') expect(answer, JSON.stringify(answer)).toMatchObject({ result: { ok: true } });
        } finally {
          await client.close();
        }
      }),
      { seed: SEED, numRuns: RUNS_PER_TARGET, endOnFailure: true },
    );
    // The storm reached both ends: sockets the server kept (and answered on) and sockets it closed.
    expect(outcomes.answered).toBeGreaterThan(0);
    expect(outcomes.closed).toBeGreaterThan(0);
    await expectStillRunning();
  }, 120_000);

  it('the SFU signaling: before a join and after a viewer joined', async () => {
    const outcomes = { answered: 0, closed: 0 };
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.array(signalFrames(show), { minLength: 1, maxLength: 4 }), async (joinFirst, frames) => {
        const client = await open(studio.signalUrl, nextSenderAddress());
        try {
          if (joinFirst) {
            client.send(text(JSON.stringify({ type: 'join', requestId: 900001, show, role: 'viewer' })));
            const joined = await client.answer((f) => f.requestId === 900001);
            expect(joined).toMatchObject({ type: 'reply' });
          }
          for (const frame of frames) client.send(frame);
          // A well-formed request after the storm: answered (a reply or a protocol error), or the socket was closed.
          client.send(text(JSON.stringify({ type: 'routerRtpCapabilities', requestId: 900002 })));
          const answer = await client.answer((f) => f.requestId === 900002);
          outcomes[answer === 'closed' ? 'closed' : 'answered']++;
          if (answer !== 'closed') expect(['reply', 'error']).toContain(answer.type);
        } finally {
          await client.close();
        }
      }),
      { seed: SEED, numRuns: RUNS_PER_TARGET, endOnFailure: true },
    );
    // The storm reached both ends: sockets the server kept (and answered on) and sockets it closed.
    expect(outcomes.answered).toBeGreaterThan(0);
    expect(outcomes.closed).toBeGreaterThan(0);
    await expectStillRunning();
  }, 120_000);

  it('valid requests still work on both servers after the storm', async () => {
    const producer = await open(controlUrl());
    producer.send(text(JSON.stringify({ type: 'auth', token: studio.token })));
    producer.send(text(JSON.stringify({ type: 'request', id: 1, channel: 'studio:settings:update', input: { hostName: 'Still live' } })));
    expect(await producer.answer((f) => f.type === 'response' && f.id === 1)).toMatchObject({ result: { ok: true, value: { hostName: 'Still live' } } });
    await producer.close();

    const viewer = await open(studio.signalUrl);
    viewer.send(text(JSON.stringify({ type: 'join', requestId: 1, show, role: 'viewer', name: 'After the storm' })));
    expect(await viewer.answer((f) => f.requestId === 1)).toMatchObject({ type: 'reply', data: { role: 'viewer', room: { show } } });
    viewer.send(text(JSON.stringify({ type: 'routerRtpCapabilities', requestId: 2 })));
    expect(await viewer.answer((f) => f.requestId === 2)).toMatchObject({ type: 'reply' });
    await viewer.close();
    await expectStillRunning();
  });
});
