import { describe, expect, it } from 'vitest';
import { handoverSubjectPrefix, seriesAs, seriesKey, seriesOf, type LedgerSeries } from '../../src/store/ledger-keys.js';

// Each family's series, with the ids real workspaces have (Teams ids hold colons and @).
const SERIES: { series: LedgerSeries; channelId: string | null; subject: string; cycle: number }[] = [
  { series: { of: 'contract', contractId: '0193c0de-7a1b-7c2d-8e3f-0123456789ab', cycle: 2 }, channelId: 'C0123', subject: 'contract:0193c0de-7a1b-7c2d-8e3f-0123456789ab', cycle: 2 },
  { series: { of: 'issue', issueId: '0193c0de-0000-7000-8000-000000000001', measure: 'response', cycle: 0 }, channelId: 'C1', subject: 'issue:0193c0de-0000-7000-8000-000000000001:response', cycle: 0 },
  { series: { of: 'issue', issueId: 'i2', measure: 'resolution', cycle: 3 }, channelId: null, subject: 'issue:i2:resolution', cycle: 3 },
  { series: { of: 'handover', userId: 'U0LEAVER', channelId: 'C0IT', leavingOn: '2026-12-31' }, channelId: 'C0IT', subject: 'handover:U0LEAVER:C0IT', cycle: 20261231 },
  {
    series: { of: 'handover', userId: '29:1a2b-aad-user', channelId: '19:abc@thread.tacv2', leavingOn: '2027-01-05' },
    channelId: '19:abc@thread.tacv2',
    subject: 'handover:29:1a2b-aad-user:19:abc@thread.tacv2',
    cycle: 20270105,
  },
  { series: { of: 'monthly-report', channelId: 'C0REPORTS', month: '2026-11' }, channelId: 'C0REPORTS', subject: 'report:C0REPORTS', cycle: 202611 },
  { series: { of: 'monthly-report', channelId: '19:x@thread.tacv2', month: '2027-01' }, channelId: '19:x@thread.tacv2', subject: 'report:19:x@thread.tacv2', cycle: 202701 },
  // The row of a delivery-problem report is posted to the workspace channel: its channelId is not the failing one.
  { series: { of: 'delivery-problem', channelId: '19:failing@thread.tacv2', day: '2026-12-04' }, channelId: 'C0GENERAL', subject: 'delivery:19:failing@thread.tacv2', cycle: 20261204 },
  // A credit's message, claim reminders and "lost"; a survey's close (in a Teams channel).
  { series: { of: 'credit', creditId: '0193c0de-1111-7000-8000-00000000000c' }, channelId: 'C0RENEW', subject: 'credit:0193c0de-1111-7000-8000-00000000000c', cycle: 0 },
  { series: { of: 'credit', creditId: 'c1' }, channelId: null, subject: 'credit:c1', cycle: 0 },
  { series: { of: 'survey', surveyId: '0193c0de-2222-7000-8000-00000000000e' }, channelId: '19:renew@thread.tacv2', subject: 'survey:0193c0de-2222-7000-8000-00000000000e', cycle: 0 },
];

describe('ledger keys', () => {
  it.each(SERIES)('$subject / $cycle: encodes as the ledger stores it and decodes back to the same series', ({ series, channelId, subject, cycle }) => {
    expect(seriesKey(series)).toEqual({ subject, cycle });
    expect(seriesOf({ subject, cycle, channelId })).toEqual(series);
    expect(seriesAs(series.of, { subject, cycle, channelId })).toEqual(series);
  });

  it.each([
    ['an unknown family', 'payroll:U1', 1, 'C1'],
    ['no colon', 'contract', 1, 'C1'],
    ['nothing after the family', 'contract:', 1, 'C1'],
    ['an issue without a measure', 'issue:i1', 0, 'C1'],
    ['an issue with an unknown measure', 'issue:i1:uptime', 0, 'C1'],
    ['a handover whose row names another channel', 'handover:U1:C1', 20261231, 'C2'],
    ['a handover without a channel', 'handover:U1:C1', 20261231, null],
    ['a credit without an id', 'credit:', 0, 'C1'],
    ['a survey without an id', 'survey:', 0, 'C1'],
  ])('reads %s as no series', (_what, subject, cycle, channelId) => {
    expect(seriesOf({ subject, cycle, channelId })).toBeNull();
  });

  it('refuses a row of another family where one family is expected', () => {
    expect(() => seriesAs('issue', { subject: 'contract:c1', cycle: 1, channelId: 'C1' })).toThrow(/not a issue series/);
  });

  it("gives the prefix of every handover series of a person, and of no one else's", () => {
    const prefix = handoverSubjectPrefix('U1');
    expect(seriesKey({ of: 'handover', userId: 'U1', channelId: 'C9', leavingOn: '2026-12-31' }).subject.startsWith(prefix)).toBe(true);
    expect(seriesKey({ of: 'handover', userId: 'U12', channelId: 'C9', leavingOn: '2026-12-31' }).subject.startsWith(prefix)).toBe(false);
  });
});
