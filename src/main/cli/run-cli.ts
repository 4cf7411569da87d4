import { StudioError } from '../../shared/api/result.js';
import { UsageError, type CliCommand } from './commands.js';

/**
 * `npm run -s studio -- <command> ...`. Each command's module is loaded only
 * when it runs: `studio sfu` on a server need not load the whole studio.
 */
const commands: Readonly<Record<string, () => Promise<CliCommand>>> = {
  web: async () => (await import('./web-command.js')).webCommand,
  sfu: async () => (await import('./sfu-command.js')).sfuCommand,
  import: async () => (await import('./import-command.js')).importCommand,
  catalog: async () => (await import('./catalog-command.js')).catalogCommand,
  moderate: async () => (await import('./moderate-command.js')).moderateCommand,
  auction: async () => (await import('./auction-command.js')).auctionCommand,
};

async function help(): Promise<string> {
  const loaded = await Promise.all(Object.entries(commands).map(async ([name, load]) => [name, await load()] as const));
  const lines = loaded.map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}\n             ${c.usage}`);
  return `Live Seller Studio command line\n\nUsage: npm run -s studio -- <command> [options]\n\nCommands:\n${lines.join('\n')}\n`;
}

export async function runCli(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(await help());
    return name ? 0 : 2;
  }
  const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!load) {
    process.stderr.write(`Unknown command "${name}".\n\n${await help()}`);
    return 2;
  }
  const command = await load();
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\nUsage: ${command.usage}\n`);
      return 2;
    }
    if (error instanceof StudioError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

