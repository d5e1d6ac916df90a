import { PRIORITIES, type Priority } from './sla-measure.js';
import type { Compliance, SlaStats } from './sla-stats.js';

/** current − previous, in fractions (0.05 = 5 percentage points); null when either side has no value. */
export interface SlaChange {
  responseCompliance: number | null;
  resolutionCompliance: number | null;
  uptime: number | null;
  byPriority: Record<Priority, { responseCompliance: number | null; resolutionCompliance: number | null }>;
}

function delta(current: number | null, previous: number | null): number | null {
  return current === null || previous === null ? null : current - previous;
}

function rateDelta(current: Compliance, previous: Compliance): number | null {
  return delta(current.rate, previous.rate);
}

/** The change against the previous period (SPEC §4). */
export function compareWithPrevious(current: SlaStats, previous: SlaStats): SlaChange {
  const byPriority = {} as SlaChange['byPriority'];
  for (const priority of PRIORITIES) {
    byPriority[priority] = {
      responseCompliance: rateDelta(current.response.byPriority[priority].compliance, previous.response.byPriority[priority].compliance),
      resolutionCompliance: rateDelta(current.resolution.byPriority[priority].compliance, previous.resolution.byPriority[priority].compliance),
    };
  }
  return {
    responseCompliance: rateDelta(current.response.compliance, previous.response.compliance),
    resolutionCompliance: rateDelta(current.resolution.compliance, previous.resolution.compliance),
    uptime: delta(current.uptime, previous.uptime),
    byPriority,
  };
}
