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

/**
 * Exits once everything written to stdout and stderr has gone out. Written to a socket (the stdout a
 * parent process gets from spawn), the writes are asynchronous, and exiting at once cut a large
 * `export` short when the reader was slower than the writer.
 */
function exitWhenWritten(code: number): void {
  let waiting = 2;
  const written = () => {
    waiting -= 1;
    if (waiting === 0) process.exit(code);
  };
  process.stdout.write('', written);
  process.stderr.write('', written);
}

main(process.argv.slice(2)).then(
  (code) => exitWhenWritten(code),
  (error: unknown) => {
    console.error('renewal-desk: something went wrong on our side; nothing was changed. Run again with LOG_LEVEL=debug for the details.');
    if (process.env['LOG_LEVEL'] === 'debug') console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    exitWhenWritten(1);
  },
);
