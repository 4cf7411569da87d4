import { StudioError } from '../../shared/api/result.js';
import { UsageError, type CliCommand } from './commands.js';
import { catalogCommand } from './catalog-command.js';
import { importCommand } from './import-command.js';
import { moderateCommand } from './moderate-command.js';
import { sfuCommand } from './sfu-command.js';
import { webCommand } from './web-command.js';

/** `npm run -s studio -- <command> ...` */
const commands: Readonly<Record<string, CliCommand>> = {
  web: webCommand,
  sfu: sfuCommand,
  import: importCommand,
  catalog: catalogCommand,
  moderate: moderateCommand,
};

function help(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}\n             ${c.usage}`);
  return `Live Seller Studio command line\n\nUsage: npm run -s studio -- <command> [options]\n\nCommands:\n${lines.join('\n')}\n`;
}

export async function runCli(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(help());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`Unknown command "${name}".\n\n${help()}`);
    return 2;
  }
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

