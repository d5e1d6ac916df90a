// npm run walkthrough: the core flow against a local Slack double, printed as a user would see it.
// Starts the real bot (Bolt over HTTP with signature checks, SQLite in a temp dir), then:
// /contract add → scheduler pass at the due instant → a stranger clicks Renew → the owner clicks Renew.
import { startTestBot, type TestBot } from '../test/helpers/bot-harness.js';
import type { SlackCall } from '../test/helpers/slack-double.js';

function show(title: string, call: SlackCall | undefined): void {
  console.log(`\n── ${title} ──`);
  if (!call) return void console.log('(nothing)');
  console.log(`${call.method}${call.body['channel'] ? ` → ${String(call.body['channel'])}` : ''}`);
  const blocks = (call.body['blocks'] as { type: string; text?: { text: string }; fields?: { text: string }[]; elements?: { text: { text: string } | string }[] }[] | undefined) ?? [];
  if (blocks.length === 0) console.log(String(call.body['text']));
  for (const b of blocks) {
    if (b.text) console.log(b.type === 'header' ? `# ${b.text.text}` : b.text.text);
    if (b.fields) console.log(b.fields.map((f) => `  ${f.text.replace('\n', ': ')}`).join('\n'));
    if (b.type === 'actions') console.log(`  [${(b.elements ?? []).map((e) => (typeof e.text === 'string' ? e.text : e.text.text)).join('] [')}]`);
    if (b.type === 'context') console.log(`  (${(b.elements ?? []).map((e) => (typeof e === 'object' && 'text' in e ? (e as { text: string }).text : '')).join(' ')})`);
  }
}

async function main(): Promise<void> {
  const t: TestBot = await startTestBot({ now: '2026-11-23T10:00:00Z' });
  try {
    console.log(`bot on ${t.baseUrl}, Slack Web API double on ${t.slackApi.apiUrl}; today is 2026-11-23`);
    await t.slack.command('/contract', 'add "Globex Support" vendor:Globex end:2027-01-31 notice:30d value:12000 tier:2', 'UOWNER', 'CRENEW');
    show('/contract add … (private reply)', (await t.slackApi.waitFor('response_url'))[0]);

    const report = await t.tick('2026-12-02T09:00:00Z');
    console.log(`\nscheduler pass as of 2026-12-02T09:00Z: ${report.posted} posted`);
    const [reminder] = await t.slackApi.waitFor('chat.postMessage');
    show('renewal reminder in #renewals', reminder);
    t.clock.set('2026-12-02T10:15:00Z');
    const blocks = reminder!.body['blocks'] as { elements?: { action_id: string; value: string }[] }[];
    const renew = blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === 'rd:decide.renew')!;

    await t.slack.click({ user: 'USTRANGER', actionId: renew.action_id, value: renew.value, channel: 'CRENEW', messageTs: '1700000001.000100' });
    show('a stranger clicks Renew (private reply)', (await t.slackApi.waitFor('response_url', 2))[1]);

    await t.slack.click({ user: 'UOWNER', actionId: renew.action_id, value: renew.value, channel: 'CRENEW', messageTs: '1700000001.000100' });
    show('the owner clicks Renew: the reminder is updated in place', (await t.slackApi.waitFor('chat.update'))[0]);

    const later = await t.tick('2026-12-31T09:00:00Z');
    console.log(`\nscheduler pass as of 2026-12-31T09:00Z (the 1-day step): ${later.posted} posted — the decision stopped this cycle's reminders`);
  } finally {
    await t.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
