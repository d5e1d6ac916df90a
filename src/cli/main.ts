// The renewal-desk command. --help is answered before anything is loaded; each verb loads only what it uses (run.ts).
import { takeNowOption, USAGE } from './usage.js';

async function main(argv: string[]): Promise<number> {
  const taken = takeNowOption(argv);
  if ('problem' in taken) {
    console.error(taken.problem);
    return 1;
  }
  const [verb, ...rest] = taken.args;
  if (!verb || verb === 'help' || verb === '--help') {
    console.log(USAGE);
    return verb ? 0 : 2;
  }
  const { run, explain } = await import('./run.js');
  try {
    return await run(verb, rest, taken.now);
  } catch (error) {
    console.error(explain(error));
    if (process.env['LOG_LEVEL'] === 'debug') console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('renewal-desk: something went wrong on our side; nothing was changed. Run again with LOG_LEVEL=debug for the details.');
    if (process.env['LOG_LEVEL'] === 'debug') console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
