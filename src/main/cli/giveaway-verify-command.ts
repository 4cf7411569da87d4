import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { commitmentOf, drawWinner, isSeed } from '../../shared/giveaway/draw.js';
import { giveawayEntryFileSchema, type GiveawayEntryFile } from '../../shared/giveaway/entry-file.js';
import { UsageError, type CliCommand } from './commands.js';
import { writeOut } from './cli-output.js';

interface Entries {
  readonly ids: string[];
  readonly names: ReadonlyMap<string, string>;
  readonly file: GiveawayEntryFile | null;
}

/**
 * `studio giveaway-verify --entries FILE --seed S [--commitment C] [--json]`:
 * recomputes a giveaway's winner from its entry list and revealed seed
 * (docs/giveaways.md), and checks the seed against the commitment published
 * before the draw. Exit 0: verified; 1: the seed does not match the
 * commitment, or the file's announced winner is not the one recomputed;
 * 2: a bad file or seed.
 */
export const giveawayVerifyCommand: CliCommand = {
  summary: 'Recompute a giveaway winner from its exported entry list and the revealed seed.',
  usage: 'studio giveaway-verify --entries FILE --seed SEED [--commitment HASH] [--json]   (FILE: the studio\'s exported entry list, or viewer ids one per line)',
  async run(args) {
    let values;
    try {
      ({ values } = parseArgs({ args, options: { entries: { type: 'string' }, seed: { type: 'string' }, commitment: { type: 'string' }, json: { type: 'boolean' } } }));
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    if (!values.entries) throw new UsageError('Name the entry list with --entries FILE.');
    if (!values.seed) throw new UsageError('Give the revealed seed with --seed (64 hexadecimal digits).');
    const seed = values.seed.trim().toLowerCase();
    if (!isSeed(seed)) return fail(`The seed must be 64 hexadecimal digits (0-9, a-f), as shown with the result; got "${values.seed.slice(0, 80)}".`);
    const given = values.commitment?.trim().toLowerCase();
    if (given !== undefined && !/^[0-9a-f]{64}$/.test(given)) return fail('The commitment must be 64 hexadecimal digits (0-9, a-f).');

    const file = path.resolve(values.entries);
    const entries = await readEntries(file);
    if (typeof entries === 'string') return fail(entries);
    if (entries.ids.length === 0) return fail(`The entry list ${file} has no entries: there is nothing to draw from.`);

    const computed = await commitmentOf(seed);
    const fileCommitment = entries.file?.commitment ?? null;
    if (given !== undefined && fileCommitment !== null && given !== fileCommitment) {
      return fail(`The commitment given (${given}) is not the one in the entry list (${fileCommitment}).`);
    }
    const commitment = given ?? fileCommitment;
    const commitmentMatches = commitment === null ? null : commitment === computed;
    let result;
    try {
      result = await drawWinner(seed, entries.ids);
    } catch (error) {
      return fail(`The entry list ${file}: ${(error as Error).message}`);
    }
    const announced = entries.file?.winner ?? null;
    const announcedMatches = announced === null ? null : announced.viewerId === result.winner;
    const name = entries.names.get(result.winner) ?? null;

    if (values.json) {
      await writeOut(
        `${JSON.stringify({ winner: result.winner, name, index: result.index, entries: result.sorted.length, commitment: computed, commitmentMatches, announcedMatches })}\n`,
      );
    } else {
      const lines = [
        entries.file ? `Giveaway ${entries.file.giveawayId}: ${entries.file.prize}` : null,
        `Entries: ${result.sorted.length} (sorted by viewer id, UTF-8 byte order)`,
        `SHA-256 of the seed: ${computed}`,
        commitment === null
          ? 'Commitment: none given (pass --commitment to check the seed against the one published before the draw)'
          : commitmentMatches
            ? 'Commitment: matches the seed'
            : `Commitment: DOES NOT MATCH the seed (published ${commitment})`,
        `Winner: ${result.winner}${name ? ` (${name})` : ''}, entry ${result.index + 1} of ${result.sorted.length}`,
        announced === null ? null : announcedMatches ? 'Announced winner: the same' : `Announced winner: DIFFERENT (${announced.viewerId}, ${announced.name})`,
      ];
      await writeOut(`${lines.filter((l) => l !== null).join('\n')}\n`);
    }
    return commitmentMatches === false || announcedMatches === false ? 1 : 0;
  },
};

function fail(message: string): number {
  process.stderr.write(`${message}\n`);
  return 2;
}

/** The entries from the studio's JSON export or a text file of viewer ids, or a message. */
async function readEntries(file: string): Promise<Entries | string> {
  let text: string;
  try {
    text = await fs.promises.readFile(file, 'utf8');
  } catch (error) {
    return `Cannot read the entry list ${file}: ${(error as Error).message}`;
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trimStart().startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      return `The entry list ${file} is not valid JSON: ${(error as Error).message}`;
    }
    const parsed = giveawayEntryFileSchema.safeParse(json);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `  ${issue.path.length > 0 ? issue.path.join('.') : 'the file'}: ${issue.message}`);
      return `The entry list ${file} is not a giveaway entry list exported by the studio:\n${problems.join('\n')}`;
    }
    const ids = parsed.data.entries.map((e) => e.viewerId);
    return { ids, names: new Map(parsed.data.entries.map((e) => [e.viewerId, e.name])), file: parsed.data };
  }
  const ids = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return { ids, names: new Map(), file: null };
}
