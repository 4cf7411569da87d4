/**
 * The Electron security scan (`npm run test:security`, part of `npm test`):
 * electronegativity over src/, offline, as for the Electron major in
 * package.json. Any finding fails, and so does a file the scanner could not
 * read (it would otherwise be skipped without a word).
 *
 * A false positive is suppressed where it is reported, with the reason next
 * to it: `// eng-disable CHECK_ID: why` at the end of the reported line
 * (`<!-- eng-disable CHECK_ID -->` in HTML, the reason in a comment nearby).
 * Never on a file's first line: there it disables the check for the whole
 * file.
 *
 *   npx tsx scripts/security-scan.ts [directory]    (default: src)
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

interface Level {
  readonly name: string;
}

interface Issue {
  readonly id: string;
  readonly file: string;
  readonly location: { readonly line: number; readonly column: number };
  readonly description: string;
  readonly severity: Level;
  readonly confidence: Level;
  readonly sample?: string;
}

interface ScanResult {
  readonly globalChecks: number;
  readonly atomicChecks: number;
  readonly errors: ReadonlyArray<{ readonly file: string; readonly message: string; readonly tolerable: boolean }>;
  readonly issues: readonly Issue[];
}

type Run = (options: {
  input: string;
  electronVersionOverride: string;
  excludeFromScan: string[];
  isRelative: boolean;
}) => Promise<ScanResult>;

/** Checks left out, each with its reason. Everything else runs. */
const EXCLUDED_CHECKS: Readonly<Record<string, string>> = {
  AvailableSecurityFixesGlobalCheck:
    "compares package.json's Electron with GitHub's release list: needs the network, and src/ has no package.json",
};

/** Messages the scanner prints when it is offline, which is how it runs here. */
const OFFLINE_CHATTER = [/Could not retrieve updated translations/];

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);

function electronMajor(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  const range = pkg.devDependencies?.electron ?? pkg.dependencies?.electron;
  const major = range?.match(/(\d+)\./)?.[1];
  if (!major) throw new Error(`package.json names no Electron version (found ${JSON.stringify(range)}).`);
  return major;
}

async function main(): Promise<number> {
  const input = path.resolve(process.argv[2] ?? path.join(root, 'src'));
  if (!fs.statSync(input, { throwIfNoEntry: false })?.isDirectory()) {
    console.error(`security scan: ${input} is not a directory.`);
    return 2;
  }
  const major = electronMajor();
  const run = require('@doyensec/electronegativity') as Run;
  const version = (require('@doyensec/electronegativity/package.json') as { version: string }).version;

  // The scanner talks through console.log; keep what is not the expected offline notice.
  const chatter: string[] = [];
  const log = console.log;
  console.log = (...args: unknown[]) => void chatter.push(args.map(String).join(' '));
  let result: ScanResult;
  try {
    result = await run({
      input,
      electronVersionOverride: `${major}.0.0`,
      excludeFromScan: Object.keys(EXCLUDED_CHECKS),
      isRelative: true,
    });
  } finally {
    console.log = log;
  }
  for (const line of chatter) if (!OFFLINE_CHATTER.some((re) => re.test(line))) console.log(`  (electronegativity) ${line}`);

  const shown = (file: string) => path.relative(process.cwd(), path.resolve(input, file)) || file;
  console.log(
    `Electron security scan of ${shown('.')}/: electronegativity ${version}, Electron ${major}, ` +
      `${result.globalChecks + result.atomicChecks} checks (left out: ${Object.keys(EXCLUDED_CHECKS).join(', ')})`,
  );

  const unread = result.errors.filter((e) => !e.tolerable);
  for (const e of result.errors.filter((e) => e.tolerable)) console.log(`  warning: ${shown(e.file)} parsed with errors: ${e.message}`);
  for (const e of unread) console.log(`  NOT SCANNED ${shown(e.file)}: ${e.message}`);

  for (const issue of result.issues) {
    const where = issue.file === 'N/A' ? '(whole app)' : `${shown(issue.file)}:${issue.location.line}:${issue.location.column}`;
    console.log(`\n  ${issue.id}  ${issue.severity.name}/${issue.confidence.name}  ${where}`);
    console.log(`    ${issue.description}`);
    const sample = issue.sample?.trim();
    if (sample && sample !== 'N/A') console.log(`    > ${sample.length > 160 ? `${sample.slice(0, 157)}...` : sample}`);
    console.log(`    https://github.com/doyensec/electronegativity/wiki/${issue.id}`);
  }

  if (result.issues.length === 0 && unread.length === 0) {
    console.log('  no findings');
    return 0;
  }
  console.log(
    `\n${result.issues.length} finding(s), ${unread.length} file(s) not scanned. Fix each finding; only for a false ` +
      'positive, add `// eng-disable CHECK_ID: why it is safe` at the end of the reported line (see scripts/security-scan.ts).',
  );
  return 1;
}

process.exitCode = await main();
