/**
 * Sniffing a delimited file before it is tokenized (parse-session.ts): where
 * its first record ends and which delimiter its header uses.
 */
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

const DELIMITER_CANDIDATES = [',', ';', '\t', '|'] as const;

/**
 * Picks the delimiter from the header line: the candidate (, ; tab |) that
 * occurs most often outside quotes. Ties go to the earlier candidate;
 * a header with none of them is a one-column file, read as comma-separated.
 */
export function detectDelimiter(headerLine: string): string {
  const counts = new Map<string, number>(DELIMITER_CANDIDATES.map((c) => [c, 0]));
  let inQuotes = false;
  for (const ch of headerLine) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best: string = ',';
  let bestCount = 0;
  for (const [candidate, count] of counts) {
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

/** The text up to the first line end outside quotes, or null when the sample holds no complete line yet. */
export function firstRecordText(sample: string): string | null {
  let inQuotes = false;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === QUOTE) inQuotes = !inQuotes;
    else if (!inQuotes && (c === LF || c === CR)) return sample.slice(0, i);
  }
  return null;
}
