import { message, type Message } from '../messages/model.js';

export const HELP: Record<'contract' | 'renewals' | 'issue' | 'sla', string> = {
  contract: [
    '*/contract* — vendor contracts and their renewal decisions',
    '• `/contract add "Globex Support" vendor:Globex end:2027-03-31 notice:60d value:12000 per:year tier:1` (bare `/contract add` opens a form)',
    '   options: `start:` `notice:60d` `renewal:auto|manual` `term:12m` `value:` `currency:USD` `per:month|year` `tier:1|2|3` `owner:@user` `channel:#channel` `services:"…"` `departments:IT:60,Finance:40`',
    '• `/contract list` — contracts by next notice deadline, 50 at a time (`page:2` for the next)',
    '• `/contract show "Globex Support"` — one contract, its decision and next reminders',
    '• `/contract edit "Globex Support" notice:90d value:15000` — change fields; reminders are re-planned',
    '• `/contract decide "Globex Support" renew|renegotiate|terminate` — the text twin of the buttons',
    '• `/contract archive "Globex Support"` — stop its reminders (asks first; nothing is deleted)',
    '• `/contract contact "Globex Support" add vendor "Jane Roe" role:account-manager email:jane@globex.example` · `… add @alice role:escalation-1` · `… remove @alice`',
    '   roles: owner, vendor-support, account-manager, escalation-1, escalation-2, escalation-3',
    '• `/contract leaving @alice on:2027-01-31` — handover reminders for everything Alice holds',
    '• `/contract handover @alice @bob` — moves every role of Alice to Bob, on all contracts',
    '• `/contract survey "Globex Support"` — a pulse survey in its channel now (owner or approver); `… comments [page:2]` shows its comments, without names',
    '• `/contract scorecard "Globex Support" [period:12m]` — SLA, uptime, breaches, service credits, survey, cost and a green / amber / red verdict with its reasons',
  ].join('\n'),
  renewals: [
    '*/renewals* — the renewal calendar and workspace settings',
    '• `/renewals` or `/renewals within:90d` — notice deadlines and ends in the window, soonest first, 50 at a time (`page:2` for the next)',
    '• `/renewals settings` — show settings',
    '• `/renewals settings tz:Europe/Berlin time:09:00 channel:#renewals approvers:@alice,@bob threshold:50000`',
    '• `/renewals settings calendar` — the private calendar feed link (deadlines and ends, for Outlook or Google Calendar) · `calendar:rotate` replaces it',
    '• `/renewals settings survey:60d` — a pulse survey that many days before each notice deadline (default 60d; `survey:off` turns it off)',
    '• `/renewals spend [by:vendor|department|channel] [within:12m]` — annualised spend per currency, what comes up for renewal in 30/90/365 days, and what renews unexamined',
  ].join('\n'),
  issue: [
    '*/issue* — vendor issues and downtime, measured against the SLA',
    '• `/issue log "Globex Support" p2 VPN drops every evening category:network at:2026-11-20T14:30` — replies with its id (I-12)',
    '• `/issue respond I-12 [at:…]` · `/issue resolve I-12 [at:…]` · `/issue reopen I-12` — `at:` back-dates (never the future)',
    '• `/issue outage "Globex Support" start:2026-11-20T08:00 end:2026-11-20T09:30 [maintenance]` — downtime, for uptime',
    '• `/issue list ["Globex Support"] [open|all]` — newest first',
  ].join('\n'),
  sla: [
    '*/sla* — SLA status and targets',
    '• `/sla "Globex Support" period:30d` (or 12m, 1y) or `/sla "Globex Support" month:2026-10` — compliance, times, breaches, uptime',
    '• `/sla set "Globex Support" p1 response:1h resolution:8h` — targets per priority (durations 30min, 4h, 2d, 1w, 12m, 1y)',
    '• `/sla set "Globex Support" hours:business uptime:99.9 holidays:2026-12-24,2026-12-25 expect:95`',
    '• `/sla set "Globex Support" credits:"99.9:10,99:25,95:100" claim:30d` — service credits: below 99.9 % uptime in a month, 10 % of the monthly fee…; claim within 30 days (`credits:none` removes them)',
    '• `/sla credits ["Globex Support"] [open|all]` — service credits with totals owed, claimed, recovered and lost',
    '• `/sla credit C-3 claimed|credited|rejected|waived [amount:250]` — what happened to a credit (owner or approver); `amount:` is what the vendor credited',
  ].join('\n'),
};

/**
 * The usage of a command, or of one of its subcommands (`/issue log help`): the heading and the lines
 * that show that subcommand, with their indented option lines. Unknown subcommands get it all.
 */
export function helpFor(command: keyof typeof HELP, sub?: string): Message {
  const [heading, ...lines] = HELP[command].split('\n');
  const picked: string[] = [];
  let keep = false;
  for (const line of lines) {
    if (line.startsWith('• ')) keep = sub !== undefined && line.includes(`/${command} ${sub}`);
    if (keep) picked.push(line);
  }
  const text = [heading!, ...(picked.length > 0 ? picked : lines)].join('\n');
  return message(heading!.replace(/\*/g, ''), { type: 'section', text });
}

/**
 * The usage of every command, for a word that is not a command (or none): `how` says how to type them
 * on the platform. "I do not know `x`." comes first for an unknown word.
 */
export function commandOverview(unknownWord: string, how: string): Message {
  const names = Object.keys(HELP) as (keyof typeof HELP)[];
  const intro = unknownWord && unknownWord !== 'help' ? `I do not know \`${unknownWord.slice(0, 40)}\`. ${how}` : how;
  return message(
    `Renewal Desk commands: ${names.join(', ')}. Send "<command> help" for details.`,
    { type: 'header', text: 'Renewal Desk' },
    { type: 'section', text: intro },
    ...names.map((name) => ({ type: 'section' as const, text: HELP[name] })),
  );
}
