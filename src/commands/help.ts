import { message, type Message } from '../messages/model.js';

export const HELP: Record<'contract' | 'renewals' | 'issue' | 'sla', string> = {
  contract: [
    '*/contract* — vendor contracts and their renewal decisions',
    '• `/contract add "Globex Support" vendor:Globex end:2027-03-31 notice:60d value:12000 per:year tier:1` (bare `/contract add` opens a form)',
    '   options: `start:` `notice:60d` `renewal:auto|manual` `term:12m` `value:` `currency:USD` `per:month|year` `tier:1|2|3` `owner:@user` `channel:#channel` `services:"…"` `departments:IT:60,Finance:40`',
    '• `/contract list` — contracts by next notice deadline',
    '• `/contract show "Globex Support"` — one contract, its decision and next reminders',
    '• `/contract edit "Globex Support" notice:90d value:15000` — change fields; reminders are re-planned',
    '• `/contract decide "Globex Support" renew|renegotiate|terminate` — the text twin of the buttons',
    '• `/contract archive "Globex Support"` — stop its reminders (asks first; nothing is deleted)',
  ].join('\n'),
  renewals: [
    '*/renewals* — the renewal calendar and workspace settings',
    '• `/renewals` or `/renewals within:90d` — notice deadlines and ends in the window, soonest first',
    '• `/renewals settings` — show settings',
    '• `/renewals settings tz:Europe/Berlin time:09:00 channel:#renewals approvers:@alice,@bob threshold:50000`',
  ].join('\n'),
  issue: '*/issue* — vendor issues: `/issue log "Globex Support" p2 VPN down` · respond · resolve · reopen · outage · list',
  sla: '*/sla* — SLA status: `/sla "Globex Support" period:30d` · `/sla set "Globex Support" p1 response:1h resolution:8h`',
};

export function helpFor(command: keyof typeof HELP): Message {
  const text = HELP[command];
  return message(text.split('\n')[0]!.replace(/\*/g, ''), { type: 'section', text });
}
