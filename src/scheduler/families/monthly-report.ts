import { addDays, isWeekend, type Day } from '../../domain/days.js';
import { dayIn, instantAt } from '../../domain/zoned-time.js';
import { calendarMonth } from '../../domain/periods.js';
import type { Db } from '../../store/client.js';
import { activeContractChannels, activeContractsInChannel } from '../../store/contracts.js';
import { seriesAs } from '../../store/ledger-keys.js';
import { monthlyReportsPlanned, planMonthlyReportRows } from '../../store/reminder-ledger.js';
import { slaReport } from '../../store/sla-data.js';
import { creditLabel, creditOfMonth } from '../../store/credits.js';
import { cents } from '../../messages/format.js';
import { allWorkspaces } from '../../store/workspaces.js';
import { verdict } from '../../messages/sla-status.js';
import { markLate } from '../../messages/late.js';
import { count } from '../../messages/format.js';
import type { Block } from '../../messages/model.js';
import type { ReminderFamily } from '../family.js';

const MAX_CONTRACTS_PER_MESSAGE = 40;
/** Contracts named in the plain-text fallback before "and N more". */
const NAMED_IN_TEXT = 3;

/** "Globex Support, Initech and 3 more (5 contracts in this channel)". */
export function reportedContracts(names: readonly string[]): string {
  const named = names.slice(0, NAMED_IN_TEXT);
  const rest = names.length - named.length;
  const list = rest > 0 ? `${named.join(', ')} and ${rest} more` : named.join(', ');
  return `${list} (${names.length} contract${names.length === 1 ? '' : 's'} in this channel)`;
}

export function firstBusinessDay(month: string): Day {
  let day = `${month}-01`;
  while (isWeekend(day)) day = addDays(day, 1);
  return day;
}


/**
 * Plans this month's report rows (one per channel that holds contracts) once the first business day
 * has come, all of a workspace in one statement. Cheap when already planned: one count per workspace.
 * A conflict on the ledger's unique key means another process planned them first: ignored. Any other
 * error is logged and planning goes on with the next workspace; nothing of that workspace was planned,
 * so the next pass tries again.
 */
export async function planMonthlyReports(db: Db, now: Date, log?: (line: string) => void): Promise<void> {
  for (const ws of await allWorkspaces(db)) {
    try {
      await planWorkspaceReports(db, ws, now);
    } catch (error) {
      if ((error as { code?: string }).code === 'P2002') continue;
      log?.(`could not plan the monthly reports of ${ws.id} (retried next pass): ${lastLine(error)}`);
    }
  }
}

/** Prisma's messages open with a code frame: the cause is on the last line. */
function lastLine(error: unknown): string {
  const lines = String((error as Error)?.message ?? error).split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.at(-1) ?? 'unknown error';
}

interface ReportingWorkspace {
  id: string;
  timezone: string;
  reminderTime: string;
  defaultChannel: string | null;
  createdAt: Date;
}

async function planWorkspaceReports(db: Db, ws: ReportingWorkspace, now: Date): Promise<void> {
  const today = dayIn(now, ws.timezone);
  const month = today.slice(0, 7);
  const day = firstBusinessDay(month);
  const dueAt = instantAt(day, ws.reminderTime, ws.timezone);
  if (today < day || ws.createdAt.getTime() > dueAt.getTime()) return;
  if (await monthlyReportsPlanned(db, ws.id, month)) return;
  const channels = await activeContractChannels(db, ws);
  if (channels.length === 0) return;
  await planMonthlyReportRows(db, ws.id, month, channels, dueAt);
}

/** First business day of each month: each channel gets the SLA status of its contracts for the month before. */
export const monthlyReports: ReminderFamily = {
  kinds: ['sla-report'],

  async stale() {
    return null;
  },

  async build({ db, reminder, workspace, now, late }) {
    const { channelId, month: planned } = seriesAs('monthly-report', reminder);
    const reported = addDays(`${planned}-01`, -1).slice(0, 7); // "2026-11": the month before
    const month = calendarMonth(reported, workspace.timezone);
    const inChannel = await activeContractsInChannel(db, workspace, channelId);
    const sections: Block[] = [];
    const names: string[] = [];
    for (const contract of inChannel) {
      const report = await slaReport(db, contract.id, workspace.timezone, month.current, month.previous, now);
      const measured = report.current.issueCount > 0 || report.current.uptime !== 1 || Object.keys(report.policy.targets).length > 0 || report.policy.uptimeTarget !== null;
      if (!measured) continue;
      const up = report.current.uptime === null ? '' : ` · uptime ${(report.current.uptime * 100).toFixed(2)} %${report.policy.uptimeTarget !== null ? ` (target ${report.policy.uptimeTarget} %)` : ''}`;
      // The month's service credit, evaluated in this same pass (its own message follows).
      const credit = await creditOfMonth(db, contract.id, reported);
      const earned = credit ? ` · service credit ${creditLabel(credit)}: ${credit.amount === null ? `${credit.percent} %` : cents(credit.amount, credit.currency)}` : '';
      names.push(contract.name);
      sections.push({ type: 'section', text: `• *${verdict(contract, report)}*\n   ${count(report.current.issueCount, 'issue')}, ${count(report.current.breachCount, 'breach', 'breaches')}${up}${earned}` });
    }
    if (sections.length === 0) return null;
    const shown = sections.slice(0, MAX_CONTRACTS_PER_MESSAGE);
    const more = sections.length - shown.length;
    const kind = `Monthly SLA report for ${month.title}`;
    return {
      channelId,
      message: markLate({
        text: `${kind}: ${reportedContracts(names)}.`,
        blocks: [
          { type: 'header', text: `Monthly SLA report: ${month.title}` },
          ...shown,
          { type: 'context', text: `Details: \`/sla "${names[0]}" month:${reported}\`${names.length > 1 ? ' (or another contract\'s name)' : ''}${more > 0 ? ` · ${count(more, 'more contract')} not shown` : ''}` },
        ],
      }, kind, late),
    };
  },
};
