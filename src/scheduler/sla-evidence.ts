import type { Day } from '../domain/days.js';
import { instantAt } from '../domain/zoned-time.js';
import { addMonths } from '../domain/days.js';
import type { Db, Tx } from '../store/client.js';
import type { Contract } from '../store/contracts.js';
import { slaReport } from '../store/sla-data.js';
import { slaSummaryText } from '../messages/sla-status.js';

/** The SLA evidence line of a renewal reminder: the contract's last 12 months. */
export async function slaSummaryLine(db: Db | Tx, contract: Contract, today: Day, timezone: string, now: Date): Promise<string> {
  const start = instantAt(addMonths(today, -12), '00:00', timezone);
  const previous = { start: instantAt(addMonths(today, -24), '00:00', timezone), end: start };
  const report = await slaReport(db, contract.id, timezone, { start, end: now }, previous, now);
  return slaSummaryText(report);
}
