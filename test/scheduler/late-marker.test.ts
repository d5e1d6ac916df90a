import { describe, expect, it } from 'vitest';
import { markLate } from '../../src/messages/late.js';
import { reportedContracts } from '../../src/messages/monthly-report.js';

describe('markLate', () => {
  const message = { text: 'SLA breach: I-1 (P2, Globex Support) missed its response target.', blocks: [{ type: 'section' as const, text: 'body' }] };

  it('puts " (late)" after the kind and a "late: was due" context line after the blocks', () => {
    expect(markLate(message, 'SLA breach', { dueDay: '2026-12-02' })).toEqual({
      text: 'SLA breach (late): I-1 (P2, Globex Support) missed its response target.',
      blocks: [{ type: 'section', text: 'body' }, { type: 'context', text: 'late: was due 2026-12-02' }],
    });
  });

  it('leaves an on-time message alone, and does not change the one it was given', () => {
    expect(markLate(message, 'SLA breach', null)).toBe(message);
    markLate(message, 'SLA breach', { dueDay: '2026-12-02' });
    expect(message.blocks).toHaveLength(1);
  });

  it('a fallback that does not begin with the kind still says late', () => {
    expect(markLate(message, 'Handover due', { dueDay: '2026-12-02' }).text).toBe(`(late) ${message.text}`);
  });
});

describe('reportedContracts', () => {
  it('names the first three, then how many more, and the count', () => {
    expect(reportedContracts(['Globex Support'])).toBe('Globex Support (1 contract in this channel)');
    expect(reportedContracts(['A', 'B', 'C'])).toBe('A, B, C (3 contracts in this channel)');
    expect(reportedContracts(['A', 'B', 'C', 'D', 'E'])).toBe('A, B, C and 2 more (5 contracts in this channel)');
  });
});
