/**
 * Chat latency, Node side: a viewer's `chatSend` leaving its WebSocket ->
 * the SFU (sanitize, rate limit) -> main's host link -> moderation engine
 * (the show's rules) -> SQLite write of the message and its decision (WAL,
 * on disk) -> `chatPublish` -> the SFU's broadcast -> another viewer's
 * WebSocket receiving `chatMessage`. The whole studio core with its
 * built-in SFU (real mediasoup worker), loopback only.
 *
 * The SFU lets each viewer connection send 3 messages at once, then 1 a
 * second, so the messages rotate over SENDERS connections at a steady pace
 * (a busy show's rate, not a flood); each one is timed on its own. Each
 * sender connects from its own loopback address (127.0.0.2, .3, …): the SFU
 * limits connections and chat per address, as for viewers on one network.
 *
 * Run alone: npx tsx bench/chat-latency.ts [--messages 500]
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { defaultModerationRules } from '../src/shared/moderation/rules.js';
import type { Latency } from './catalog.js';
import { startBenchStudio } from './bench-studio.js';

export interface ChatLatencyResult {
  /** chatSend sent -> the other viewer's socket got chatMessage. */
  readonly roundTrip: Latency;
  /** chatSend sent -> the SFU's reply (forwarded to the studio). */
  readonly sfuAck: Latency;
  readonly senders: number;
}

const SENDERS = 40;
/** 40 senders, one message every 25 ms: each sender sends once a second, inside the SFU's limit. */
const INTERVAL_MS = 25;

const WORDS = ['red', 'blue', 'linen', 'silk', 'wool', 'denim', 'cotton', 'navy', 'sand', 'olive', 'plum', 'rust', 'mint'];
/**
 * A distinct question per message. Not "size 44": the engine's duplicate
 * check folds repeated characters ("scaaam"), so "44" and "4" would count as
 * the same message from a sender; distinct words never collide.
 */
const questionNumber = (n: number) =>
  `Is the ${WORDS[n % WORDS.length]} ${WORDS[Math.floor(n / WORDS.length) % WORDS.length]} dress ${WORDS[Math.floor(n / WORDS.length ** 2) % WORDS.length]} lined?`;

const latency = (samples: number[]): Latency => {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? 0 };
};

/** A protocol-speaking viewer: joins with a name, sends chat, reports replies and published messages. */
async function viewer(signalUrl: string, room: string, name: string, localAddress = '127.0.0.1') {
  const ws = new WebSocket(signalUrl, { localAddress });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const replies = new Map<number, (at: number) => void>();
  const published = new Map<string, (at: number) => void>();
  let nextId = 1;
  ws.on('message', (data) => {
    const at = performance.now();
    const m = JSON.parse(data.toString()) as { type: string; requestId?: number; message?: { text: string }; code?: string };
    if (m.type === 'error') console.error(`The SFU refused a bench request: ${m.code}`);
    if (m.type === 'reply' && m.requestId !== undefined) replies.get(m.requestId)?.(at);
    if (m.type === 'chatMessage' && m.message) published.get(m.message.text)?.(at);
  });
  const request = (body: object) => {
    const requestId = nextId++;
    const answered = new Promise<number>((resolve) => replies.set(requestId, resolve));
    ws.send(JSON.stringify({ ...body, requestId }));
    return answered;
  };
  await request({ type: 'join', show: room, role: 'viewer', name, viewerKey: `bench-viewer-key-${name}` });
  return {
    send: (text: string) => request({ type: 'chatSend', text }),
    receive: (text: string) => new Promise<number>((resolve) => published.set(text, resolve)),
    close: () => ws.close(),
  };
}

export async function runChatLatencyBenchmark({ messages = 500 } = {}): Promise<ChatLatencyResult> {
  const { core, dataDir, signalUrl, room } = await startBenchStudio('chat');
  try {
    // All rules on, with 500 blocked terms; pacing rules loose enough for the bench's steady senders.
    core.chat.setRules({
      ...defaultModerationRules(),
      blockedTerms: Array.from({ length: 500 }, (_, i) => `blockedterm${i}`),
      maxMessagesPer10s: 50,
      duplicateWindowSeconds: 30,
    });
    const receiver = await viewer(signalUrl, room, 'receiver');
    const senders = [];
    // Each sender from its own loopback address, as real viewers come from their own networks:
    // the SFU caps connections and chat per address, and 40 viewers behind one address would hit it.
    for (let i = 0; i < SENDERS; i++) senders.push(await viewer(signalUrl, room, `sender${i}`, `127.0.0.${i + 2}`));
    const roundTrip: number[] = [];
    const sfuAck: number[] = [];
    const warmUp = 10;
    for (let i = -warmUp; i < messages; i++) {
      const text = questionNumber(i + warmUp);
      const arrived = receiver.receive(text);
      const start = performance.now();
      const acked = senders[(i + warmUp) % SENDERS]!.send(text);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const stuck = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          const last = core.chat.getChat(5).messages.at(-1);
          reject(new Error(`Message ${i} did not reach the other viewer; the studio's last: ${JSON.stringify(last)}`));
        }, 3000);
      });
      const [ackAt, arrivedAt] = await Promise.race([Promise.all([acked, arrived]), stuck]).finally(() => clearTimeout(timer));
      if (i >= 0) {
        roundTrip.push(arrivedAt - start);
        sfuAck.push(ackAt - start);
      }
      const wait = INTERVAL_MS - (performance.now() - start);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    for (const s of [receiver, ...senders]) s.close();
    return { roundTrip: latency(roundTrip), sfuAck: latency(sfuAck), senders: SENDERS };
  } finally {
    await core.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const ms = (n: number) => `${n.toFixed(2)} ms`;
export const formatChatLatency = (l: Latency): string => `p50 ${ms(l.p50)}   p95 ${ms(l.p95)}   max ${ms(l.max)}   (n=${l.count})`;

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { messages: { type: 'string', default: '500' } } });
  const r = await runChatLatencyBenchmark({ messages: Number(values.messages) });
  console.log(`Chat latency, loopback, built-in SFU, ${r.senders} sender sockets + 1 receiver:`);
  console.log(`  ${'viewer chatSend -> other viewer got it'.padEnd(46)} ${formatChatLatency(r.roundTrip)}`);
  console.log(`  ${'viewer chatSend -> SFU reply'.padEnd(46)} ${formatChatLatency(r.sfuAck)}`);
}
