import { runCommand, splitCommandLine } from '../../commands/router.js';
import { addDays, addMonths, compareDays, isWeekend, type Day } from '../../domain/days.js';
import { dayIn, instantAt } from '../../domain/zoned-time.js';
import { rememberNames } from '../../store/display-names.js';
import { ensureWorkspace, getWorkspace, type Workspace } from '../../store/workspaces.js';
import { applyConsoleEffects, consoleContext, type ConsoleDeps } from './context.js';
import { DEMO_CHANNEL, DEMO_PEOPLE, DEMO_WORKSPACE } from './demo.js';

const [DANA, SAM, PRIYA, LEE] = DEMO_PEOPLE.map((p) => `<@${p.id}>`) as [string, string, string, string];
const USER_ID = /^<@(\w+)>$/;

interface SeedStep {
  /** Who types it (a mention of a demo person). */
  by: string;
  line: string;
  /** Carry out its posts (a proposal waiting for approval); issue logs and the like stay out of the panel. */
  post?: boolean;
}

/** The demo workspace, created (with its people's names) when missing. */
export async function ensureDemoWorkspace(deps: ConsoleDeps, timezone: string): Promise<Workspace> {
  const now = deps.clock();
  const workspace = await ensureWorkspace(deps.db, DEMO_WORKSPACE, 'console', timezone, now);
  await rememberNames(deps.db, DEMO_WORKSPACE, DEMO_PEOPLE.map((p) => ({ userId: p.id, displayName: p.name })), now);
  return workspace;
}

/**
 * Seeds the demo workspace through the commands themselves (the same parsing, checks and store
 * functions as Slack and Teams): contracts across tiers with dates relative to today, SLA targets, a
 * year of vendor issues with breaches, outages, a decision, a proposal waiting for a second approver,
 * and a leaver. A step the commands refuse is logged; seeding goes on.
 */
export async function seedDemo(deps: ConsoleDeps, timezone: string): Promise<{ steps: number; refused: number }> {
  const first = await ensureDemoWorkspace(deps, timezone);
  const steps = demoSteps(dayIn(deps.clock(), first.timezone), first.timezone, deps.clock());
  let refused = 0;
  for (const step of steps) {
    const workspace = (await getWorkspace(deps.db, DEMO_WORKSPACE))!;
    const ctx = consoleContext(deps, workspace, USER_ID.exec(step.by)![1]!, DEMO_CHANNEL);
    const { name, rest } = splitCommandLine(step.line);
    const result = await runCommand(name!, rest, ctx);
    if (/^(⚠|⛔|Something went wrong)/.test(result.reply.text)) {
      refused += 1;
      deps.log(`demo seeding: "${step.line}" was refused: ${result.reply.text}`);
      continue;
    }
    if (step.post) await applyConsoleEffects(deps, ctx, result);
  }
  return { steps: steps.length, refused };
}

/** The first weekday on or after `day`. */
function weekday(day: Day): Day {
  let d = day;
  while (isWeekend(d)) d = addDays(d, 1);
  return d;
}

/** The demo's commands, with dates relative to `today`; every `at:` lies in the past of `now`. */
export function demoSteps(today: Day, timezone: string, now: Date): SeedStep[] {
  const inDays = (n: number) => addDays(today, n);
  const at = (day: Day, time: string, plusMinutes = 0) => new Date(instantAt(day, time, timezone).getTime() + plusMinutes * 60_000);
  const iso = (d: Date) => d.toISOString().replace(/\.000Z$/, 'Z');
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
    { by: DANA, line: '/sla set "Globex Managed Network" p1 response:1h resolution:8h' },
    { by: DANA, line: '/sla set "Globex Managed Network" p2 response:4h resolution:2d' },
    { by: DANA, line: '/sla set "Globex Managed Network" p3 response:1d resolution:5d' },
    { by: DANA, line: '/sla set "Microsoft 365 E3" hours:24x7 uptime:99.9' },
    { by: DANA, line: '/sla set "Microsoft 365 E3" p1 response:1h resolution:8h' },
    { by: DANA, line: '/sla set "Microsoft 365 E3" p2 response:4h resolution:1d' },
    { by: DANA, line: '/contract decide "Okta Workforce Identity" renew' },
    // Above the threshold: a proposal Sam (the other approver) can approve from the panel.
    { by: DANA, line: '/contract decide "Salesforce Sales Cloud" renegotiate', post: true },
    { by: DANA, line: `/contract leaving ${LEE} on:${inDays(24)}` },
  ];
  steps.push(...issueSteps(today, at, iso, now));
  return steps;
}

type At = (day: Day, time: string, plusMinutes?: number) => Date;

/** A year of vendor issues (some breaching their targets) and outages, oldest first. */
function issueSteps(today: Day, at: At, iso: (d: Date) => string, now: Date): SeedStep[] {
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
  outage('Globex Managed Network', 1, 16, '09:20', 55);
  // Still open: a question to the printer vendor (no SLA targets on that contract).
  number += 1;
  steps.push({ by: LEE, line: `/issue log "Initech Printer Fleet" p4 Toner deliveries arrive a week late category:supplies at:${iso(new Date(now.getTime() - 26 * 3_600_000))}` });
  return steps;
}
