import { describe, expect, it } from 'vitest';
import { CHOICES, needsSecondApprover, type DecisionPolicy } from '../../src/domain/decision-rules.js';

const policy: DecisionPolicy = { ownerId: 'UOWNER', approvers: ['UAPP1', 'UAPP2'], threshold: 50_000 };

describe('CHOICES', () => {
  it('are the three decision buttons', () => {
    expect(CHOICES).toEqual(['renew', 'renegotiate', 'terminate']);
  });
});

describe('needsSecondApprover', () => {
  it('needs one at or above the threshold', () => {
    expect(needsSecondApprover(50_000, policy)).toBe(true);
    expect(needsSecondApprover(120_000, policy)).toBe(true);
  });

  it('does not below the threshold', () => {
    expect(needsSecondApprover(49_999.99, policy)).toBe(false);
    expect(needsSecondApprover(0, policy)).toBe(false);
  });

  it('never without a threshold', () => {
    expect(needsSecondApprover(1e12, { ...policy, threshold: null })).toBe(false);
  });

  it('not when the value is unknown', () => {
    expect(needsSecondApprover(null, policy)).toBe(false);
  });

  it('always with a threshold of 0 and a known value', () => {
    expect(needsSecondApprover(0, { ...policy, threshold: 0 })).toBe(true);
  });
});
