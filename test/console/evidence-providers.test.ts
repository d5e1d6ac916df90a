import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { submitSmallForm } from '../../src/commands/small-forms.js';
import { describeAuditEvent } from '../../src/messages/audit.js';
import { encode } from '../../src/messages/payloads.js';
import type { ConsoleDeps } from '../../src/platforms/console/context.js';
import { contractPage } from '../../src/platforms/console/contract-page.js';
import { creditEvidence } from '../../src/platforms/console/credit-evidence.js';
import { EVIDENCE_PROVIDERS, type EvidenceProvider } from '../../src/platforms/console/evidence.js';
import type { ShownScope } from '../../src/platforms/console/scope.js';
import { surveyEvidence } from '../../src/platforms/console/survey-evidence.js';
import { runPass } from '../../src/scheduler/pass.js';
import { findContract } from '../../src/store/contracts.js';
import { getWorkspace } from '../../src/store/workspaces.js';
import { handlerBed } from '../helpers/handler-bed.js';

// The contract page's evidence sections, on a real database through the real commands and the
// scheduler's monthly evaluation: what the HTML says, as text.
const bed = handlerBed({ now: '2026-10-01T08:00:00Z' });
const names = { users: new Map([['UOWNER', 'Olivia Owner']]), channels: new Map([['CRENEW', 'renewals']]) };

/** The text a reader sees in a piece of HTML: tags gone, entities decoded, spaces collapsed. */
function textOf(html: string): string {
  return html.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/\s+/g, ' ').trim();
}

async function section(provider: EvidenceProvider, contractName: string): Promise<{ title: string; html: string; text: string }> {
  const workspace = (await getWorkspace(bed.db, bed.workspaceId))!;
  const contract = (await findContract(bed.db, workspace.id, contractName))!;
  const shown = await provider({ db: bed.db, contract, workspace, now: bed.clock.now(), names });
  const html = renderToString(shown!.body);
  return { title: shown!.title, html, text: textOf(html) };
}

async function pass(at: string): Promise<void> {
  bed.clock.set(at);
  await runPass({ db: bed.db, delivery: bed.sink, clock: bed.clock.now, log: () => undefined }, new Date(at));
}

/** Globex with credit tiers; October and November each lose hours to outages. `meanwhile` runs on 2026-11-20, while C-1 is open. */
async function globexWithCredits(meanwhile: () => Promise<unknown> = async () => undefined): Promise<void> {
  await bed.run('renewals settings channel:{#renew}');
  await bed.run('contract add "Globex Support" vendor:Globex end:2027-06-30 notice:60d value:12,000 per:month currency:EUR');
  await bed.run('contract add "Quiet SaaS" vendor:Quiet end:2027-06-30 value:100 per:month');
  await bed.run('sla set "Globex Support" uptime:99.9 credits:"99.9:10,99:25,95:100" claim:30d');
  bed.clock.set('2026-10-20T10:00:00Z');
  await bed.run('issue outage "Globex Support" start:2026-10-05T08:00 end:2026-10-05T11:00'); // 180 min of 44,640: 99.597 %
  await pass('2026-11-02T10:00:00Z');
  bed.clock.set('2026-11-20T10:00:00Z');
  await meanwhile();
  await bed.run('issue outage "Globex Support" start:2026-11-10T08:00 end:2026-11-10T18:00'); // 600 min of 43,200: 98.611 %
  await pass('2026-12-01T10:00:00Z');
}

describe('the service credit section', () => {
  it('lists the tiers, each credit with its month, uptime, tier, amount, state, deadline and recovery, and the totals', async () => {
    await globexWithCredits(async () => {
      await bed.run('sla credit C-1 claimed');
      await bed.run('sla credit C-1 credited amount:1,100');
    });
    bed.clock.set('2026-12-02T10:00:00Z');
    const { title, html, text } = await section(creditEvidence, 'Globex Support');
    expect(title).toBe('Service credits');
    expect(text).toContain('Tiers (a month\'s uptime → its credit, in percent of the monthly fee of 12,000.00 EUR): below 99.9 % → 10 %, below 99 % → 25 %, below 95 % → 100 %. Claim within 30 days after the month ends.');
    const rows = [...html.matchAll(/<tbody data-credit="(C-\d+)" data-state="(\w+)">([\s\S]*?)<\/tbody>/g)].map((m) => [m[1], m[2], textOf(m[3]!)]);
    expect(rows).toEqual([
      ['C-2', 'due', 'C-2 November 2026 98.611 % (target 99.9 %) below 99 % → 25 % 3,000.00 EUR to claim 2026-12-30 (Wed), in 28 days —'],
      ['C-1', 'credited', 'C-1 October 2026 99.596 % (target 99.9 %) below 99.9 % → 10 % 1,200.00 EUR credited 2026-11-30 (Mon) 1,100.00 EUR 💶 Credited: 1,100.00 EUR (of 1,200.00 EUR owed), recorded by @Olivia Owner on 2026-11-20 10:00 UTC.'],
    ]);
    // The same totals as /sla credits: owed, claimed, recovered, lost, and what is still open.
    expect(textOf(/<tr data-currency="EUR">([\s\S]*?)<\/tr>/.exec(html)![1]!)).toBe('EUR 4,200.00 EUR 1,200.00 EUR 1,100.00 EUR 0.00 EUR 3,000.00 EUR');
    expect((await bed.run('sla credits "Globex Support" all')).text).toContain('owed 4,200.00 EUR · claimed 1,200.00 EUR · recovered 1,100.00 EUR · lost 0.00 EUR');
    expect(text).toContain('/sla credit C-2 claimed|credited|waived [amount:…]');
  });

  it('counts a credit not claimed by its deadline as lost', async () => {
    await globexWithCredits(() => bed.run('sla credit C-1 waived'));
    await pass('2026-12-31T10:00:00Z');
    const { html } = await section(creditEvidence, 'Globex Support');
    expect(html).toContain('data-credit="C-2" data-state="lost"');
    expect(html).toContain('data-credit="C-1" data-state="waived"');
    expect(textOf(/<tr data-currency="EUR">([\s\S]*?)<\/tr>/.exec(html)![1]!)).toBe('EUR 4,200.00 EUR 0.00 EUR 0.00 EUR 3,000.00 EUR 0.00 EUR');
  });

  it('says how to set tiers on a contract without them, and lists nothing', async () => {
    await globexWithCredits();
    const { html, text } = await section(creditEvidence, 'Quiet SaaS');
    expect(text).toContain('No service credit tiers are set for this contract.');
    expect(text).toContain('/sla set "Quiet SaaS" credits:"99.9:10,99:25,95:100" claim:30d');
    expect(html).not.toContain('data-credit=');
    expect(html).not.toContain('data-currency=');
  });
});

describe('the pulse survey section', () => {
  async function surveyWithVotes(): Promise<string> {
    await bed.run('renewals settings channel:{#renew} approvers:{@owner}');
    await bed.run('contract add "Globex Support" vendor:Globex end:2027-06-30 notice:60d value:12,000 per:month');
    await bed.run('contract survey "Globex Support"');
    const survey = await bed.db.survey.findFirstOrThrow();
    for (const [user, rating] of [['alice', 5], ['bob', 4], ['carol', 4], ['alice', 2]] as const) await bed.click(`survey.${rating}`, encode({ s: survey.id }), user);
    const outcome = await submitSmallForm(await bed.context('bob'), 'survey-comment', { surveyId: survey.id }, 'Slow answers.');
    expect(outcome.ok).toBe(true);
    return survey.id;
  }

  it('shows only how many have voted while the survey is open, never the average or who', async () => {
    await surveyWithVotes();
    const { title, html, text } = await section(surveyEvidence, 'Globex Support');
    expect(title).toBe('Pulse survey');
    expect(text).toContain('How well does Globex serve us on Globex Support?');
    expect(text).toContain('open Open until 2027-04-16 (Fri), or the renewal decision · 3 people have voted · 1 comment for the owner and approvers, without names');
    expect(text).toContain('The average and the distribution are shown when it closes');
    expect(html).not.toContain('data-section="survey-distribution"');
    expect(text).not.toMatch(/\/5|average is|ALICE|BOB|CAROL|Slow answers/i);
  });

  it('shows the closed survey\'s average, distribution and count once the decision closed it', async () => {
    await surveyWithVotes();
    bed.clock.set('2026-10-02T09:00:00Z');
    await bed.run('contract decide "Globex Support" renew');
    const { html, text } = await section(surveyEvidence, 'Globex Support');
    expect(html).toContain('data-survey="closed"');
    expect(text).toContain('Closed at the renewal decision on 2026-10-02 (Fri) · 3 people have voted');
    expect(text).toContain('Survey: 3.3/5 from 3 people');
    const bars = [...html.matchAll(/<tr data-rating="(\d)">([\s\S]*?)<\/tr>/g)].map((m) => `${m[1]}: ${textOf(m[2]!).replace(/[★☆]/g, '').trim()}`);
    expect(bars).toEqual(['5: 0 (0 %)', '4: 2 (67 %)', '3: 0 (0 %)', '2: 1 (33 %)', '1: 0 (0 %)']);
    expect(text).not.toMatch(/ALICE|BOB|CAROL|Slow answers/i);
  });

  it('shows the results from the closing instant on, before the scheduler has closed the survey', async () => {
    await surveyWithVotes();
    bed.clock.set('2027-04-16T08:59:59Z');
    expect((await section(surveyEvidence, 'Globex Support')).text).toContain('Open until 2027-04-16 (Fri)');
    bed.clock.set('2027-04-16T09:00:00Z');
    const { html, text } = await section(surveyEvidence, 'Globex Support');
    expect(html).toContain('data-survey="closed"');
    expect(text).toContain('Closed on 2027-04-16 (Fri) · 3 people have voted');
    expect(text).toContain('Survey: 3.3/5 from 3 people');
    expect(text).toContain('/contract survey "Globex Support" starts one now');
  });

  it('says how to start one when there is none', async () => {
    await bed.run('contract add "Globex Support" vendor:Globex end:2027-06-30');
    const { text } = await section(surveyEvidence, 'Globex Support');
    expect(text).toContain('No pulse survey yet.');
    expect(text).toContain('/contract survey "Globex Support" starts one now (owner or approver)');
  });
});

describe('the contract page', () => {
  it('shows the verdict /contract scorecard gives, the credit months on the uptime chart, and both sections in order', async () => {
    await globexWithCredits();
    bed.clock.set('2026-12-02T10:00:00Z');
    const workspace = (await getWorkspace(bed.db, bed.workspaceId))!;
    const contract = (await findContract(bed.db, workspace.id, 'Globex Support'))!;
    const deps = { db: bed.db, delivery: bed.sink, clock: bed.clock.now, log: () => undefined, publicUrl: () => 'http://localhost:3000' } satisfies ConsoleDeps;
    const scope: ShownScope = { ok: true, workspace, people: [{ id: 'UOWNER', name: 'Olivia Owner' }], user: null, channels: names.channels, consoleUser: null };
    const chrome = { current: null, workspace: workspace.id, actingAs: null, people: [], csrf: 'x', signedIn: false };
    const html = renderToString((await contractPage(deps, scope, chrome, contract.id))!);
    const scorecard = (await bed.run('contract scorecard "Globex Support"')).reply.text;
    expect(scorecard).toMatch(/^Scorecard of Globex Support \(Globex\), last 12 months: AMBER — /);
    const reasons = /AMBER — (.*)\. Notice deadline/.exec(scorecard)![1]!.split('; ');
    expect(html).toContain('data-verdict="amber"');
    const shown = [...html.matchAll(/<li>(.*?)<\/li>/g)].map((m) => m[1]!.toLowerCase());
    expect(shown).toEqual(reasons.map((r) => r.toLowerCase()));
    expect([...html.matchAll(/<g class="mark" data-mark="(C-\d+)">/g)].map((m) => m[1])).toEqual(['C-1', 'C-2']);
    expect(textOf(html)).toContain('Nov 2026: service credit C-2: 3,000.00 EUR (25 %), due');
    expect([...html.matchAll(/id="(scorecard|sla|credits|survey|audit)"/g)].map((m) => m[1])).toEqual(['scorecard', 'sla', 'credits', 'survey', 'audit']);
    expect(EVIDENCE_PROVIDERS).toEqual([creditEvidence, surveyEvidence]);
  });

  it('describes survey and credit events in the audit trail', () => {
    expect(describeAuditEvent('survey.opened', JSON.stringify({ closesOn: '2027-04-16' }))).toBe('Started a pulse survey (open until 2027-04-16)');
    expect(describeAuditEvent('credit.claimed', JSON.stringify({ credit: 'C-1', month: '2026-10' }))).toBe('Service credit C-1 for 2026-10: claim sent');
    expect(describeAuditEvent('credit.credited', JSON.stringify({ credit: 'C-1', month: '2026-10', recovered: 1100 }))).toBe('Service credit C-1 for 2026-10: credited (1,100.00 recovered)');
    expect(describeAuditEvent('credit.waived', JSON.stringify({ credit: 'C-2', month: '2026-11' }))).toBe('Service credit C-2 for 2026-11: waived');
  });
});
