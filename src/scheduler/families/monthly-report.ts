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
import { allWorkspaces, markReportsPlanned } from '../../store/workspaces.js';
import { isMeasured, monthlyReport } from '../../messages/monthly-report.js';
import type { ReminderFamily } from '../family.js';
import { lastLine, type Log } from '../../log.js';

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
 * so the next pass tries again. Never throws: planning keeps no due reminder back.
 */
export async function planMonthlyReports(db: Db, now: Date, log?: Log, onlyWorkspace?: string): Promise<void> {
  let workspaces: ReportingWorkspace[];
  try {
    workspaces = await allWorkspaces(db);
  } catch (error) {
    log?.(`could not plan the monthly reports (retried next pass): ${lastLine(error)}`, 'warn');
    return;
  }
  for (const ws of workspaces) {
    if (onlyWorkspace !== undefined && ws.id !== onlyWorkspace) continue;
    try {
      await planWorkspaceReports(db, ws, now);
    } catch (error) {
      if ((error as { code?: string }).code === 'P2002') continue;
      log?.(`could not plan the monthly reports of ${ws.id} (retried next pass): ${lastLine(error)}`, 'warn');
    }
  }
}

interface ReportingWorkspace {
  id: string;
  timezone: string;
  reminderTime: string;
  defaultChannel: string | null;
  createdAt: Date;
  /** The last month whose reports are planned (null: none yet, or planned before this was recorded). */
  reportMonth: string | null;
}

async function planWorkspaceReports(db: Db, ws: ReportingWorkspace, now: Date): Promise<void> {
  const today = dayIn(now, ws.timezone);
  const month = today.slice(0, 7);
  const day = firstBusinessDay(month);
  const dueAt = instantAt(day, ws.reminderTime, ws.timezone);
  if (today < day || ws.createdAt.getTime() > dueAt.getTime() || (ws.reportMonth !== null && ws.reportMonth >= month)) return;
  if (!(await monthlyReportsPlanned(db, ws.id, month))) {
    const channels = await activeContractChannels(db, ws);
    // Nothing to report yet: a contract added later this month may still bring one.
    if (channels.length === 0) return;
    await planMonthlyReportRows(db, ws.id, month, channels, dueAt);
  }
  await markReportsPlanned(db, ws.id, month);
}

/** First business day of each month: each channel gets the SLA status of its contracts for the month before. */
export const monthlyReports: ReminderFamily = {
  kinds: ['sla-report'],

  async whyNotPost() {
    return null;
  },

  async build({ db, row, workspace, now, late }) {
    const { channelId, month: planned } = seriesAs('monthly-report', row);
    const reported = addDays(`${planned}-01`, -1).slice(0, 7); // "2026-11": the month before
    const month = calendarMonth(reported, workspace.timezone);
    const measured = [];
    for (const contract of await activeContractsInChannel(db, workspace, channelId)) {
      const report = await slaReport(db, contract.id, workspace.timezone, month.current, month.previous, now);
      if (!isMeasured(report)) continue;
      // The month's service credit, evaluated in this same pass (it has a message of its own).
      const credit = await creditOfMonth(db, contract.id, reported);
      measured.push({ contract, report, credit: credit && { label: creditLabel(credit), amount: credit.amount === null ? `${credit.percent} %` : cents(credit.amount, credit.currency) } });
    }
    if (measured.length === 0) return null;
    return { channelId, message: monthlyReport({ id: reported, title: month.title }, measured, late) };
  },
};
