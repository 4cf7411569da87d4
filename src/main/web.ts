/** Entry of `npm run web`: the studio without Electron (same as `studio web`). */
import { runCli } from './cli/run-cli.js';

process.exitCode = await runCli(['web', ...process.argv.slice(2)]);
