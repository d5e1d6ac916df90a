import { describe, expect, it } from 'vitest';
import { eventsBetween, renewalEvents } from '../../src/domain/renewal-events.js';

describe('renewalEvents', () => {
  const contracts = [
    { id: 'late', terms: { end: '2027-06-30', noticeDays: 90 } },
    { id: 'no-notice', terms: { end: '2027-01-31', noticeDays: 0 } },
    { id: 'soon', terms: { end: '2027-02-28', noticeDays: 30 } },
  ];

  it('gives the notice deadline and the end of each contract, soonest first; without notice only the end', () => {
    expect(renewalEvents(contracts)).toEqual([
      { contractId: 'soon', kind: 'deadline', day: '2027-01-29' },
      { contractId: 'no-notice', kind: 'end', day: '2027-01-31' },
      { contractId: 'soon', kind: 'end', day: '2027-02-28' },
      { contractId: 'late', kind: 'deadline', day: '2027-04-01' },
      { contractId: 'late', kind: 'end', day: '2027-06-30' },
    ]);
  });

  it('keeps a deadline before an end on the same day, and contracts in their order', () => {
    const events = renewalEvents([
      { id: 'a', terms: { end: '2027-03-31', noticeDays: 0 } },
      { id: 'b', terms: { end: '2027-04-30', noticeDays: 30 } },
    ]);
    expect(events.map((e) => `${e.contractId}:${e.kind}:${e.day}`)).toEqual(['a:end:2027-03-31', 'b:deadline:2027-03-31', 'b:end:2027-04-30']);
  });

  it('selects a window, both ends included', () => {
    const within = eventsBetween(renewalEvents(contracts), '2027-01-31', '2027-04-01');
    expect(within.map((e) => e.day)).toEqual(['2027-01-31', '2027-02-28', '2027-04-01']);
  });
});
