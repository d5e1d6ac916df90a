import { handleAction } from '../../commands/actions/dispatch.js';
import type { CommandContext, CommandResult } from '../../commands/context.js';
import { errorMessage, runCommand, splitCommandLine } from '../../commands/router.js';
import { submitSmallForm } from '../../commands/small-forms.js';
import { addDays, addMonths, compareDays, isWeekend, type Day } from '../../domain/days.js';
import { dayIn, instantAt } from '../../domain/zoned-time.js';
import { plain } from '../../messages/model.js';
import { encode } from '../../messages/payloads.js';
import { runPass } from '../../scheduler/pass.js';
import { findContract } from '../../store/contracts.js';
import { rememberNames } from '../../store/display-names.js';
import { openSurveyOf, surveyMessageRef } from '../../store/surveys.js';
import { ensureWorkspace, getWorkspace, type Workspace } from '../../store/workspaces.js';
import { applyConsoleEffects, consoleContext, type ConsoleDeps } from './context.js';
import { DEMO_CHANNEL, DEMO_PEOPLE, DEMO_WORKSPACE } from './demo.js';
import { monthlyRuns } from './monthly-runs.js';

const [DANA, SAM, PRIYA, LEE] = DEMO_PEOPLE.map((p) => `<@${p.id}>`) as [string, string, string, string];
const USER_ID = /^<@(\w+)>$/;
/** The demo workspace's reminder time (the default: seeding does not change it). */
const REMINDER_TIME = '09:00';

/** What the demo does, as a person would: a command typed, a survey button clicked, a comment sent through its form. */
type SeedStep =
  /** `post`: carry out its posts (a proposal waiting for approval); issue logs and the like stay out of the panel. */
  | { by: string; line: string; post?: boolean }
  | { by: string; vote: number; on: string }
  | { by: string; comment: string; on: string }
  /** One scheduler pass as of that instant, as the workspace's own scheduler ran it then. */
  | { pass: Date };

/**
 * The demo workspace, created (with its people's names) when missing. `since`: when it counts as
 * created (the seeded demo has a year of history, so the scheduler treats it as in use all along).
 */
export async function ensureDemoWorkspace(deps: ConsoleDeps, timezone: string, since?: Date): Promise<Workspace> {
  const now = deps.clock();
  const workspace = await ensureWorkspace(deps.db, DEMO_WORKSPACE, 'console', timezone, since ?? now);
  await rememberNames(deps.db, DEMO_WORKSPACE, DEMO_PEOPLE.map((p) => ({ userId: p.id, displayName: p.name })), now);
  return workspace;
}

/**
 * Seeds the demo workspace through the commands and buttons themselves (the same parsing, checks and
 * store functions as Slack and Teams): contracts across tiers with dates relative to today, SLA
 * targets and service credit tiers, a year of vendor issues with breaches, outages, the scheduler's
 * run of this month's first business day (the monthly reports and last month's service credit), a
 * decision, a proposal waiting for a second approver, a leaver, and an open pulse survey with votes
 * and comments. A step that is refused is logged; seeding goes on.
 */
export async function seedDemo(deps: ConsoleDeps, timezone: string): Promise<{ steps: number; refused: number }> {
  const now = deps.clock();
  const today = dayIn(now, timezone);
  const first = await ensureDemoWorkspace(deps, timezone, instantAt(addMonths(today, -12), '00:00', timezone));
  const steps = demoSteps(dayIn(now, first.timezone), first.timezone, now);
  let refused = 0;
  for (const step of steps) {
    if ('pass' in step) {
      await runPass({ db: deps.db, delivery: deps.delivery, clock: deps.clock, log: deps.log, workspaceId: DEMO_WORKSPACE }, step.pass);
      continue;
    }
    const workspace = (await getWorkspace(deps.db, DEMO_WORKSPACE))!;
    const ctx = consoleContext(deps, workspace, USER_ID.exec(step.by)![1]!, DEMO_CHANNEL);
    const { result, post } = await perform(ctx, step);
    if (/^(⚠|⛔|Something went wrong)/.test(result.reply.text)) {
      refused += 1;
      deps.log(`demo seeding: "${describe(step)}" was refused: ${result.reply.text}`);
      continue;
    }
    if (post) await applyConsoleEffects(deps, ctx, result);
  }
  return { steps: steps.length, refused };
}

type PersonStep = Exclude<SeedStep, { pass: Date }>;

function describe(step: PersonStep): string {
  return 'line' in step ? step.line : 'vote' in step ? `vote ${step.vote} on ${step.on}` : `comment on ${step.on}`;
}

/** A step carried out as its person; `post`: its posts and updates go out (a vote updates the survey's message). */
async function perform(ctx: CommandContext, step: PersonStep): Promise<{ result: CommandResult; post: boolean }> {
  try {
    if ('line' in step) {
      const { name, rest } = splitCommandLine(step.line);
      return { result: await runCommand(name!, rest, ctx), post: step.post === true };
    }
    const contract = await findContract(ctx.db, ctx.workspace.id, step.on);
    const survey = contract ? await openSurveyOf(ctx.db, contract.id) : null;
    if (!survey) return { result: { reply: plain(`⚠ No open survey on ${step.on}.`) }, post: false };
    if ('vote' in step) {
      const origin = await surveyMessageRef(ctx.db, survey);
      return { result: await handleAction(ctx, `survey.${step.vote}` as 'survey.1', encode({ s: survey.id }), origin), post: true };
    }
    const outcome = await submitSmallForm(ctx, 'survey-comment', { surveyId: survey.id }, step.comment);
    return { result: outcome.ok ? outcome.result : { reply: plain(`⚠ ${outcome.error}`) }, post: true };
  } catch (error) {
    return { result: { reply: errorMessage(error, ctx) }, post: false };
  }
}

/** The first weekday on or after `day`. */
function weekday(day: Day): Day {
  let d = day;
  while (isWeekend(d)) d = addDays(d, 1);
  return d;
}

/** The demo's steps, with dates relative to `today`; every `at:` lies in the past of `now`, and nothing falls due at once. */
export function demoSteps(today: Day, timezone: string, now: Date): SeedStep[] {
  const inDays = (n: number) => addDays(today, n);
  const at = (day: Day, time: string, plusMinutes = 0) => new Date(instantAt(day, time, timezone).getTime() + plusMinutes * 60_000);
  const iso = (d: Date) => d.toISOString().replace(/\.000Z$/, 'Z');
  const runs = monthlyRuns(now, timezone, REMINDER_TIME);
  const steps: SeedStep[] = [
    { by: DANA, line: `/renewals settings channel:<#${DEMO_CHANNEL}> approvers:${DANA},${SAM} threshold:100000` },
    // Deadlines (end − notice) at 40, 45, 50… days: no reminder falls on today, the first comes in ten days.
    { by: DANA, line: `/contract add "Microsoft 365 E3" vendor:Microsoft start:${addDays(addMonths(inDays(100), -12), 1)} end:${inDays(100)} notice:60d value:148,000 per:year tier:1 services:"Exchange Online, SharePoint, Teams and the Office apps for 400 staff" departments:IT:70,Finance:30` },
    { by: DANA, line: `/contract add "Globex Managed Network" vendor:Globex end:${inDays(75)} notice:30d value:96000 per:year tier:1 services:"WAN, SD-WAN and firewalls at 6 sites, 24x7 NOC"` },
    { by: PRIYA, line: `/contract add "Zendesk Suite" vendor:Zendesk end:${inDays(50)} renewal:manual value:2400 per:month tier:2 channel:<#CDEMOITOPS> services:"Service desk, 35 agents"` },
    { by: DANA, line: `/contract add "Initech Printer Fleet" vendor:Initech end:${inDays(220)} notice:90d value:8500 per:year tier:3 owner:${LEE} services:"120 managed printers, toner and repairs"` },
    { by: DANA, line: `/contract add "Okta Workforce Identity" vendor:Okta end:${inDays(280)} notice:60d value:36000 per:year tier:2 services:"SSO and MFA for 400 users"` },
    { by: DANA, line: `/contract add "Salesforce Sales Cloud" vendor:Salesforce end:${inDays(200)} notice:90d value:180000 per:year tier:1 services:"CRM, 120 seats"` },
    { by: DANA, line: `/contract add "AWS Enterprise Support" vendor:"Amazon Web Services" end:${inDays(330)} notice:30d value:15000 per:month tier:2 departments:IT:50,Engineering:50` },
    { by: DANA, line: `/contract contact "Globex Managed Network" add vendor "Maria Lopez" role:account-manager email:maria.lopez@globex.example phone:"+1 555 0100"` },
    { by: DANA, line: `/contract contact "Globex Managed Network" add vendor "Globex NOC" role:vendor-support email:noc@globex.example phone:"+1 555 0199"` },
    { by: DANA, line: `/contract contact "Globex Managed Network" add ${PRIYA} role:escalation-1` },
    { by: DANA, line: `/contract contact "Globex Managed Network" add ${LEE} role:escalation-2` },
    { by: DANA, line: `/contract contact "Microsoft 365 E3" add vendor "Contoso Licensing" role:account-manager email:licensing@contoso.example` },
    { by: DANA, line: '/sla set "Globex Managed Network" hours:business uptime:99.9 expect:95' },
    // A 45-day claim window: last month's credit is never within a week of its deadline when the demo starts.
    { by: DANA, line: '/sla set "Globex Managed Network" credits:"99.9:10,99.5:25,99:50" claim:45d' },
    { by: DANA, line: '/sla set "Globex Managed Network" p1 response:1h resolution:8h' },
    { by: DANA, line: '/sla set "Globex Managed Network" p2 response:4h resolution:2d' },
    { by: DANA, line: '/sla set "Globex Managed Network" p3 response:1d resolution:5d' },
    { by: DANA, line: '/sla set "Microsoft 365 E3" hours:24x7 uptime:99.9' },
    { by: DANA, line: '/sla set "Microsoft 365 E3" p1 response:1h resolution:8h' },
    { by: DANA, line: '/sla set "Microsoft 365 E3" p2 response:4h resolution:1d' },
    ...issueSteps(today, at, iso, now, { credited: runs.last.month, nextCredited: runs.next.month }),
    // This month's first business day, as the scheduler ran it: the monthly reports and the service
    // credit that Globex's long outage earned last month, in the panel from the start.
    { pass: runs.last.at },
    { by: DANA, line: '/contract decide "Okta Workforce Identity" renew' },
    // Above the threshold: a proposal Sam (the other approver) can approve from the panel.
    { by: DANA, line: '/contract decide "Salesforce Sales Cloud" renegotiate', post: true },
    { by: DANA, line: `/contract leaving ${LEE} on:${inDays(24)}` },
    // A pulse survey on the same vendor, open until 14 days before the deadline, with a few votes and comments so far.
    { by: DANA, line: '/contract survey "Globex Managed Network"', post: true },
    { by: SAM, vote: 3, on: 'Globex Managed Network' },
    { by: PRIYA, vote: 2, on: 'Globex Managed Network' },
    { by: LEE, vote: 3, on: 'Globex Managed Network' },
    { by: PRIYA, comment: 'The NOC answers quickly, but fixes take days; the Leeds VPN drops every few weeks.', on: 'Globex Managed Network' },
    { by: LEE, comment: 'Last month the two northern sites were offline for four hours and nobody from Globex called us.', on: 'Globex Managed Network' },
  ];
  return steps;
}

type At = (day: Day, time: string, plusMinutes?: number) => Date;

/** A year of vendor issues (some breaching their targets) and outages, oldest first. */
/**
 * `credited`: the month the scheduler evaluates while seeding (Globex's long outage earns a credit);
 * `nextCredited`: the month evaluated on the next first business day (a shorter one earns another).
 */
function issueSteps(today: Day, at: At, iso: (d: Date) => string, now: Date, months: { credited: string; nextCredited: string }): SeedStep[] {
  const steps: SeedStep[] = [];
  let number = 0;
  const firstOfMonth = `${today.slice(0, 7)}-01`;
  const globexTopics = [['VPN tunnel to the Leeds office drops', 'vpn'], ['Packet loss on the MPLS link', 'network'], ['Guest Wi-Fi down on floor 3', 'wifi'], ['Firewall rule change not applied', 'firewall']] as const;
  const msTopics = [['Mailbox migration stuck', 'exchange'], ['Teams meetings fail to start', 'teams'], ['OneDrive sync errors for a department', 'onedrive']] as const;
  for (let monthsAgo = 11; monthsAgo >= 0; monthsAgo -= 1) {
    const month = addMonths(firstOfMonth, -monthsAgo);
    const slow = monthsAgo % 3 === 1;
    for (const [i, offset] of [2, 13].entries()) {
      const day = weekday(addDays(month, offset + (monthsAgo % 4)));
      const opened = at(day, '10:00');
      // Resolved within three working days at most: the issue must be over before now.
      if (compareDays(addDays(day, 5), today) >= 0) continue;
      const [summary, category] = globexTopics[(monthsAgo + i) % globexTopics.length]!;
      const priority = i === 0 ? 'p2' : monthsAgo % 2 === 0 ? 'p1' : 'p3';
      number += 1;
      steps.push({ by: PRIYA, line: `/issue log "Globex Managed Network" ${priority} ${summary} category:${category} at:${iso(opened)}` });
      steps.push({ by: PRIYA, line: `/issue respond I-${number} at:${iso(at(day, '10:00', slow ? 6 * 60 : 40))}` });
      const resolved = slow && i === 0 ? at(weekday(addDays(day, 3)), '12:00') : at(day, '10:00', slow ? 7 * 60 : 4 * 60);
      steps.push({ by: PRIYA, line: `/issue resolve I-${number} at:${iso(resolved)}` });
    }
    const msDay = addDays(month, 7 + (monthsAgo % 5));
    if (compareDays(addDays(msDay, 2), today) < 0) {
      const [summary, category] = msTopics[monthsAgo % msTopics.length]!;
      number += 1;
      steps.push({ by: PRIYA, line: `/issue log "Microsoft 365 E3" p2 ${summary} category:${category} at:${iso(at(msDay, '08:30'))}` });
      // Some months the first answer is late (response breached), others the fix (resolution breached).
      steps.push({ by: PRIYA, line: `/issue respond I-${number} at:${iso(at(msDay, '08:30', monthsAgo % 4 === 2 ? 5 * 60 : 30))}` });
      steps.push({ by: PRIYA, line: `/issue resolve I-${number} at:${iso(at(msDay, '08:30', monthsAgo % 5 === 3 ? 30 * 60 : 6 * 60))}` });
    }
  }
  const outage = (contract: string, monthsAgo: number, dayOffset: number, time: string, minutes: number, maintenance = false) => {
    const day = addDays(addMonths(firstOfMonth, -monthsAgo), dayOffset);
    const start = at(day, time);
    if (start.getTime() + minutes * 60_000 > now.getTime()) return;
    steps.push({ by: PRIYA, line: `/issue outage "${contract}" start:${iso(start)} end:${iso(new Date(start.getTime() + minutes * 60_000))}${maintenance ? ' maintenance' : ''}` });
  };
  outage('Microsoft 365 E3', 4, 11, '07:00', 180);
  outage('Microsoft 365 E3', 2, 5, '22:00', 120, true);
  outage('Globex Managed Network', 7, 8, '14:10', 25);
  // Four hours down, sites offline: uptime below 99.5 % for the month, a 25 % credit (a P1 opened during it is cited in the claim).
  const longOutage = at(addDays(`${months.credited}-01`, 15), '09:20');
  steps.push({ by: PRIYA, line: `/issue outage "Globex Managed Network" start:${iso(longOutage)} end:${iso(new Date(longOutage.getTime() + 240 * 60_000))}` });
  number += 1;
  steps.push({ by: PRIYA, line: `/issue log "Globex Managed Network" p1 Leeds and Manchester sites offline category:network at:${iso(new Date(longOutage.getTime() + 6 * 60_000))}` });
  steps.push({ by: PRIYA, line: `/issue respond I-${number} at:${iso(new Date(longOutage.getTime() + 30 * 60_000))}` });
  steps.push({ by: PRIYA, line: `/issue resolve I-${number} at:${iso(new Date(longOutage.getTime() + 245 * 60_000))}` });
  // Two and a half hours at night this month: a 10 % credit on the next first business day. On the 9th, or on the 1st when the 9th has not passed yet.
  const night = (day: Day) => ({ start: at(day, '01:30'), end: at(day, '04:00') });
  const short = [night(addDays(`${months.nextCredited}-01`, 8)), night(`${months.nextCredited}-01`)].find((o) => o.end.getTime() <= now.getTime());
  if (short) steps.push({ by: PRIYA, line: `/issue outage "Globex Managed Network" start:${iso(short.start)} end:${iso(short.end)}` });
  // Still open: a question to the printer vendor (no SLA targets on that contract).
  number += 1;
  steps.push({ by: LEE, line: `/issue log "Initech Printer Fleet" p4 Toner deliveries arrive a week late category:supplies at:${iso(new Date(now.getTime() - 26 * 3_600_000))}` });
  return steps;
}
