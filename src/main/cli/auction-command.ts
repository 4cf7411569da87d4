import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { AuctionEngine } from '../../shared/auction/auction-engine.js';
import { auctionRulesSchema, type AuctionRules } from '../../shared/auction/auction-rules.js';
import type { AuctionInput } from '../../shared/auction/auction-types.js';
import { sanitizeChatText } from '../../shared/moderation/sanitize.js';
import { UsageError, type CliCommand } from './commands.js';
import { writeOut } from './cli-output.js';

const SHAPE = '{"id","viewer","ts"} plus one of "text", "bid" or "maxBid"';

/** One line of a saved bid log. Other fields (name, show…) are ignored. */
const bidLogLine = z.object({
  id: z.string({ error: '"id" must be text' }).min(1, '"id" is empty'),
  viewer: z.string({ error: '"viewer" must be text (the viewer id)' }).min(1, '"viewer" is empty'),
  ts: z.number({ error: '"ts" must be milliseconds from the auction\'s start' }).finite('"ts" must be milliseconds from the auction\'s start'),
  text: z.string({ error: '"text" must be text (a chat message)' }).optional(),
  bid: z.string({ error: '"bid" must be a decimal string such as "25.00"' }).optional(),
  maxBid: z.string({ error: '"maxBid" must be a decimal string such as "40.00"' }).optional(),
});

/**
 * `studio auction --rules AUCTION.json < events.jsonl`: a dry run of the
 * auction engine over a saved bid log, so a host can check rules (soft
 * close, increments, reserve, maximums) before a show. The auction starts
 * at 0; each line's `ts` is milliseconds from then, and lines are decided in
 * the order they arrive (docs/auctions.md). Prints one JSON line per input
 * (plus the proxy bids it set off), then the result. A bad line becomes an
 * error line with its number and the run goes on; a bad rules file stops
 * it before anything is read (exit 2).
 */
export const auctionCommand: CliCommand = {
  summary: 'Dry-run auction rules over a bid log (JSON lines on stdin) and print each decision and the result.',
  usage: `studio auction --rules AUCTION.json < events.jsonl   (one ${SHAPE} object per line; ts in ms from the start)`,
  async run(args) {
    let values;
    try {
      ({ values } = parseArgs({ args, options: { rules: { type: 'string' } } }));
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    if (!values.rules) throw new UsageError('Name the auction rules file with --rules AUCTION.json.');
    const rules = await loadRules(path.resolve(values.rules));
    if (typeof rules === 'string') {
      process.stderr.write(`${rules}\n`);
      return 2;
    }

    const engine = new AuctionEngine(rules, 0);
    const seen = new Set<string>();
    let lastTs = Number.NEGATIVE_INFINITY;
    const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
    let lineNumber = 0;
    let out = '';
    for await (const raw of lines) {
      lineNumber++;
      if (raw.trim() === '') continue;
      let input = parseBidLine(raw);
      if (typeof input !== 'string' && seen.has(input.id)) input = `"id" ${JSON.stringify(input.id)} was already used on an earlier line`;
      if (typeof input !== 'string' && input.ts < lastTs) {
        input = `"ts" ${input.ts} is before the previous line's ${lastTs}: lines must be in arrival order`;
      }
      if (typeof input === 'string') {
        out += `${JSON.stringify({ line: lineNumber, error: `Line ${lineNumber}: ${input}` })}\n`;
      } else {
        seen.add(input.id);
        lastTs = input.ts;
        for (const decision of engine.submit(input)) out += `${JSON.stringify(decision)}\n`;
      }
      // Batched: a 100,000-line log is written in chunks, still waiting when the pipe is full.
      if (out.length > 16_384) {
        await writeOut(out);
        out = '';
      }
    }
    await writeOut(`${out}${JSON.stringify(engine.result())}\n`);
    return 0;
  },
};

/** The rules, or a message a host can act on (naming the field). */
async function loadRules(file: string): Promise<AuctionRules | string> {
  let text: string;
  try {
    text = await fs.promises.readFile(file, 'utf8');
  } catch (error) {
    return `Cannot read the auction rules file ${file}: ${(error as Error).message}`;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return `The auction rules file ${file} is not valid JSON: ${(error as Error).message}`;
  }
  const result = auctionRulesSchema.safeParse(json);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const where = issue.path.length > 0 ? issue.path.join('.') : 'the file';
    return `  ${where}: ${issue.message}`;
  });
  return `The auction rules file ${file} has problems:\n${problems.join('\n')}`;
}

function parseBidLine(raw: string): AuctionInput | string {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return `not valid JSON (each line must be one ${SHAPE} object)`;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return `expected a ${SHAPE} object`;
  const result = bidLogLine.safeParse(json);
  if (!result.success) {
    return result.error.issues
      .map((issue) => {
        const field = issue.path[0];
        const missing = typeof field === 'string' && !(field in json);
        return missing ? `"${field}" is missing` : issue.message;
      })
      .join('; ');
  }
  const { id, viewer, ts, text, bid, maxBid } = result.data;
  const given = [text, bid, maxBid].filter((v) => v !== undefined).length;
  if (given !== 1) return given === 0 ? 'give one of "text", "bid" or "maxBid"' : 'give only one of "text", "bid" or "maxBid"';
  // The SFU sanitizes every viewer message before the studio sees it; so does the dry run.
  if (text !== undefined) return { id, viewer, ts, text: sanitizeChatText(text) };
  return bid !== undefined ? { id, viewer, ts, bid } : { id, viewer, ts, maxBid: maxBid! };
}
