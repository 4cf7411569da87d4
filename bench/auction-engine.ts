/**
 * Auction engine throughput (issue 17's target: 5,000 bids/s decided with one
 * auction and 1,000 bidders, nothing lost): decisions per second of
 * `AuctionEngine.submit()` alone on one core, then the same log through the
 * real `studio auction` dry run (a child process: JSON lines in and out).
 * The bid log is generated and deterministic: 1,000 bidders, a mix of bids
 * at the next allowed amount, jump bids, too-low bids, maximums, chat bids
 * and chat that is not a bid, all within a long soft-close auction.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AuctionEngine } from '../src/shared/auction/auction-engine.js';
import { auctionRulesSchema, incrementAt, type AuctionRules } from '../src/shared/auction/auction-rules.js';
import type { AuctionInput } from '../src/shared/auction/auction-types.js';
import { addMoney, multiplyMoney } from '../src/shared/domain/money.js';
import { figure, ms, readings, row } from './report-format.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const TSX = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const ROUNDS = 5;

export interface AuctionEngineBenchmark {
  readonly inputs: number;
  readonly bidders: number;
  /** submit() only, best pass. */
  readonly decisionsPerSecond: number;
  readonly medianDecisionsPerSecond: number;
  readonly nsPerInput: number;
  readonly actions: Readonly<Record<string, number>>;
  readonly proxyLines: number;
  readonly finalPrice: string;
  /** The dry run on `cliInputs` lines: wall time of the process, and of one with no input (its start-up). */
  readonly cli: { readonly inputs: number; readonly wallMs: number; readonly startupMs: number; readonly outputLines: number; readonly linesPerSecond: number };
}

/** Deterministic, so runs compare. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const RULES: AuctionRules = auctionRulesSchema.parse({ startPrice: '5.00', durationSeconds: 600, mode: 'soft', extendSeconds: 10, reserve: '150' });

/**
 * The bid log: inputs are made from the auction's standing as viewers saw it
 * a few inputs earlier (a generator engine fed as it goes, its standing read
 * every 8 inputs), so bids crowd at the next allowed amount as in a busy
 * show: the first one wins it, those right behind are too low.
 */
function bidLog(count: number, bidders: number): AuctionInput[] {
  const rnd = random(17);
  const engine = new AuctionEngine(RULES, 0);
  const inputs: AuctionInput[] = [];
  let nextBid = RULES.startPrice;
  for (let i = 0; i < count; i++) {
    if (i % 8 === 0) nextBid = engine.standing().nextBid;
    const step = incrementAt(RULES.increments, nextBid);
    const id = `e${i}`;
    const viewer = `viewer-${Math.floor(rnd() * bidders)}`;
    // Spread over 590 s of show time, in arrival order.
    const ts = Math.floor((i * 590_000) / count);
    const r = rnd();
    let input: AuctionInput;
    if (r < 0.45) input = { id, viewer, ts, bid: nextBid };
    else if (r < 0.55) input = { id, viewer, ts, bid: addMoney(nextBid, multiplyMoney(step, 1 + Math.floor(rnd() * 3))) };
    else if (r < 0.65) input = { id, viewer, ts, bid: '1.00' };
    else if (r < 0.8) input = { id, viewer, ts, maxBid: addMoney(nextBid, multiplyMoney(step, Math.floor(rnd() * 6))) };
    else if (r < 0.93) input = { id, viewer, ts, text: rnd() < 0.5 ? `$${nextBid}` : `bid ${nextBid}!` };
    else input = { id, viewer, ts, text: `is ${nextBid} ok?` };
    engine.submit(input);
    inputs.push(input);
  }
  return inputs;
}

function runCli(file: string, rulesFile: string): Promise<{ wallMs: number; lines: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [TSX, path.join(ROOT, 'src/main/cli/main.ts'), 'auction', '--rules', rulesFile], {
      cwd: ROOT,
      stdio: [fs.openSync(file, 'r'), 'pipe', 'pipe'],
    });
    let lines = 0;
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
    });
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`studio auction exited ${code}: ${stderr}`));
      else resolve({ wallMs: performance.now() - started, lines });
    });
  });
}

export async function runAuctionEngineBenchmark(opts: { inputs?: number; cliInputs?: number; bidders?: number } = {}): Promise<AuctionEngineBenchmark> {
  const count = opts.inputs ?? 200_000;
  const cliCount = opts.cliInputs ?? 100_000;
  const bidders = opts.bidders ?? 1_000;
  const inputs = bidLog(Math.max(count, cliCount), bidders);
  const timed = inputs.slice(0, count);

  // Warm up the JIT on a separate engine, then time fresh ones.
  const warm = new AuctionEngine(RULES, 0);
  for (const input of timed.slice(0, 50_000)) warm.submit(input);

  const actions: Record<string, number> = { bid: 0, refused: 0, ignored: 0 };
  let proxyLines = 0;
  let finalPrice = '';
  const passes: number[] = [];
  for (let pass = 0; pass < ROUNDS; pass++) {
    const engine = new AuctionEngine(RULES, 0);
    const start = performance.now();
    if (pass === 0) {
      for (const input of timed) {
        const lines = engine.submit(input);
        actions[lines[0]!.action]! += 1;
        proxyLines += lines.length - 1;
      }
    } else {
      for (const input of timed) engine.submit(input);
    }
    passes.push(performance.now() - start);
    finalPrice = engine.standing().leader?.price ?? '-';
  }
  const best = Math.min(...passes);
  const median = [...passes].sort((a, b) => a - b)[Math.floor(ROUNDS / 2)]!;

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lss-auction-bench-'));
  try {
    const rulesFile = path.join(dir, 'AUCTION.json');
    fs.writeFileSync(rulesFile, JSON.stringify(RULES));
    const logFile = path.join(dir, 'events.jsonl');
    fs.writeFileSync(logFile, inputs.slice(0, cliCount).map((i) => JSON.stringify(i)).join('\n') + '\n');
    const emptyFile = path.join(dir, 'empty.jsonl');
    fs.writeFileSync(emptyFile, '');
    const startup = await runCli(emptyFile, rulesFile);
    const run = await runCli(logFile, rulesFile);
    return {
      inputs: count,
      bidders,
      decisionsPerSecond: count / (best / 1000),
      medianDecisionsPerSecond: count / (median / 1000),
      nsPerInput: (best * 1e6) / count,
      actions,
      proxyLines,
      finalPrice,
      cli: {
        inputs: cliCount,
        wallMs: run.wallMs,
        startupMs: startup.wallMs,
        outputLines: run.lines,
        linesPerSecond: cliCount / (Math.max(run.wallMs - startup.wallMs, 1) / 1000),
      },
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The section `npm run bench` prints (200,000 inputs to the engine, 100,000 lines to the CLI, unless given). */
export async function printAuctionEngineBenchmark(opts: { inputs?: number; cliInputs?: number } = {}): Promise<void> {
  const r = await runAuctionEngineBenchmark(opts);
  const n = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 0 });
  console.log(`\nAuction engine, one core: one soft-close auction, ${n(r.bidders)} bidders, ${n(r.inputs)} inputs (bids, maximums, chat):`);
  const perInput = figure(r.nsPerInput, 'ns/input').as('(per input)');
  console.log(row('submit(), best of 5 passes', readings`${figure(r.decisionsPerSecond, 'decisions/s')}   (${perInput})`));
  console.log(row('submit(), median pass', figure(r.medianDecisionsPerSecond, 'decisions/s')));
  console.log(row('decisions', `${n(r.actions.bid ?? 0)} bid, ${n(r.actions.refused ?? 0)} refused, ${n(r.actions.ignored ?? 0)} ignored, ${n(r.proxyLines)} proxy lines; final price ${r.finalPrice}`));
  const expected = r.cli.inputs + 1;
  if (r.cli.outputLines < expected) throw new Error(`studio auction printed ${r.cli.outputLines} lines for ${r.cli.inputs} inputs`);
  console.log(`\n\`studio auction\` dry run, ${n(r.cli.inputs)} lines on stdin (a child process, through tsx):`);
  console.log(row('wall time', readings`${ms(r.cli.wallMs)}  (start-up alone ${ms(r.cli.startupMs).as('(start-up)')})`));
  console.log(row('lines/s after start-up', figure(r.cli.linesPerSecond, 'lines/s')));
  console.log(row('output lines', figure(r.cli.outputLines, 'lines')));
}

if (import.meta.url === `file://${process.argv[1]}`) await printAuctionEngineBenchmark();
