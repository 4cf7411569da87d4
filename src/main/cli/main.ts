/** Entry of `npm run -s studio -- <command>`. */
import { runCli } from './run-cli.js';

process.exitCode = await runCli(process.argv.slice(2));
