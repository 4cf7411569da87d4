import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { ModerationRules } from '../../shared/domain/chat.js';
import { ModerationEngine } from '../../shared/moderation/engine.js';
import { moderationRulesSchema } from '../../shared/moderation/rules.js';
import { sanitizeChatText } from '../../shared/moderation/sanitize.js';
import { UsageError, type CliCommand } from './commands.js';
import { writeOut } from './cli-output.js';

/** One line of an exported chat log. Other fields (name, show…) are ignored. */
const chatLogLine = z.object({
  id: z.string({ error: '"id" must be text' }).min(1, '"id" is empty'),
  user: z.string({ error: '"user" must be text (the viewer id)' }).min(1, '"user" is empty'),
  text: z.string({ error: '"text" must be text' }),
  ts: z.number({ error: '"ts" must be a time in milliseconds' }).finite('"ts" must be a time in milliseconds'),
  role: z.enum(['viewer', 'moderator', 'host'], { error: '"role" must be viewer, moderator or host' }).optional(),
});

/**
 * `studio moderate --rules RULES.json < chat.jsonl`: a dry run of the
 * moderation engine over an old chat log, so a producer can try rules
 * before a show. Reads stdin line by line (a log can be large), decides in
 * order with each line's `ts` as the clock, writes one JSON line per message.
 * A bad line becomes an error line and the run goes on; a bad rules file
 * stops it before anything is read (exit 2).
 */
export const moderateCommand: CliCommand = {
  summary: 'Dry-run chat rules over a chat log (JSON lines on stdin) and print each decision.',
  usage: 'studio moderate --rules RULES.json < chat.jsonl   (one {"id","user","text","ts"[,"role"]} object per line)',
  async run(args) {
    let values;
    try {
      ({ values } = parseArgs({ args, options: { rules: { type: 'string' } } }));
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    if (!values.rules) throw new UsageError('Name the rules file with --rules RULES.json.');
    const rules = await loadRules(path.resolve(values.rules));
    if (typeof rules === 'string') {
      process.stderr.write(`${rules}\n`);
      return 2;
    }

    const engine = new ModerationEngine(rules);
    const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
    let lineNumber = 0;
    for await (const raw of lines) {
      lineNumber++;
      if (raw.trim() === '') continue;
      const parsed = parseLogLine(raw);
      if (typeof parsed === 'string') {
        await writeOut(`${JSON.stringify({ line: lineNumber, error: `Line ${lineNumber}: ${parsed}` })}\n`);
        continue;
      }
      // The SFU sanitizes every viewer message before the engine sees it; so does the dry run.
      const text = sanitizeChatText(parsed.text);
      const { action, reasons } = engine.decide({ id: parsed.id, userId: parsed.user, text, ts: parsed.ts, ...(parsed.role ? { role: parsed.role } : {}) });
      await writeOut(`${JSON.stringify({ id: parsed.id, action, reasons })}\n`);
    }
    return 0;
  },
};

/** The rules, or a message a producer can act on. */
async function loadRules(file: string): Promise<ModerationRules | string> {
  let text: string;
  try {
    text = await fs.promises.readFile(file, 'utf8');
  } catch (error) {
    return `Cannot read the rules file ${file}: ${(error as Error).message}`;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return `The rules file ${file} is not valid JSON: ${(error as Error).message}`;
  }
  const result = moderationRulesSchema.safeParse(json);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const where = issue.path.length > 0 ? issue.path.join('.') : 'the file';
    return `  ${where}: ${issue.message}`;
  });
  return `The rules file ${file} has problems:\n${problems.join('\n')}`;
}

function parseLogLine(raw: string): z.infer<typeof chatLogLine> | string {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return 'not valid JSON (each line must be one {"id","user","text","ts"} object)';
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return 'expected a {"id","user","text","ts"} object';
  const result = chatLogLine.safeParse(json);
  if (result.success) return result.data;
  return result.error.issues
    .map((issue) => {
      const field = issue.path[0];
      const missing = typeof field === 'string' && !(field in json);
      return missing ? `"${field}" is missing` : issue.message;
    })
    .join('; ');
}
