// A scheduler process for the fault tests, doing what `renewal-desk tick` does (same environment,
// same pass tuning) except that it starts, connects and then waits for a line on stdin with the
// instant to run its pass as of. A test can so start the next process while the current one runs,
// and restart a killed scheduler at once instead of waiting for a process to boot.
//   node --import tsx test/helpers/pass-runner.ts   (prints "ready", reads "<instant>", prints the report)
import { createInterface } from 'node:readline';
import { loadConfig } from '../../src/config.js';
import { platformDeliveries } from '../../src/server/platform-deliveries.js';
import { runPass } from '../../src/scheduler/pass.js';
import { passTuning } from '../../src/scheduler/tuning.js';
import { openDatabase } from '../../src/store/client.js';

const config = loadConfig();
const db = openDatabase(config.DATABASE_URL);
const { delivery } = await platformDeliveries(config, db, (line) => console.log(line));
const tuning = passTuning(config);
await db.workspace.count(); // connected
console.log('ready');
const at = await new Promise<string>((resolve) => createInterface({ input: process.stdin }).once('line', resolve));
const report = await runPass({ db, delivery, clock: () => new Date(), ...tuning }, new Date(at.trim()));
console.log(JSON.stringify(report));
await tuning.close();
await db.$disconnect();
process.exit(0);
