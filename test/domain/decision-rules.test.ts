import { describe, expect, it } from 'vitest';
import { CHOICES, mayApprove, mayChangeOwner, mayChangeSettings, mayDecide, needsSecondApprover, type DecisionPolicy } from '../../src/domain/decision-rules.js';

const policy: DecisionPolicy = { ownerId: 'UOWNER', approvers: ['UAPP1', 'UAPP2'], threshold: 50_000 };

describe('CHOICES', () => {
  it('are the three decision buttons', () => {
    expect(CHOICES).toEqual(['renew', 'renegotiate', 'terminate']);
  });
});

describe('mayDecide', () => {
  it('lets the owner decide', () => {
    expect(mayDecide('UOWNER', policy)).toBe(true);
  });

  it('lets any approver decide', () => {
    expect(mayDecide('UAPP1', policy)).toBe(true);
    expect(mayDecide('UAPP2', policy)).toBe(true);
  });

  it('refuses anyone else', () => {
    expect(mayDecide('UOTHER', policy)).toBe(false);
    expect(mayDecide('', policy)).toBe(false);
    expect(mayDecide('uowner', policy)).toBe(false); // ids are exact
  });

  it('lets only the owner decide when there are no approvers', () => {
    const noApprovers = { ...policy, approvers: [] };
    expect(mayDecide('UOWNER', noApprovers)).toBe(true);
    expect(mayDecide('UAPP1', noApprovers)).toBe(false);
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

describe('mayApprove', () => {
  it('lets a different approver confirm', () => {
    expect(mayApprove('UAPP2', 'UAPP1', policy)).toBe(true);
    expect(mayApprove('UAPP1', 'UOWNER', policy)).toBe(true);
  });

  it('refuses the person who proposed the decision', () => {
    expect(mayApprove('UAPP1', 'UAPP1', policy)).toBe(false);
  });

  it('refuses someone who is not an approver, even the owner', () => {
    expect(mayApprove('UOWNER', 'UAPP1', policy)).toBe(false);
    expect(mayApprove('UOTHER', 'UAPP1', policy)).toBe(false);
  });
});

describe('mayChangeSettings', () => {
  it('is open to everyone until approvers exist', () => {
    expect(mayChangeSettings('UANY', [])).toBe(true);
  });

  it('is for approvers only once any are set', () => {
    expect(mayChangeSettings('UAPP1', ['UAPP1', 'UAPP2'])).toBe(true);
    expect(mayChangeSettings('UANY', ['UAPP1', 'UAPP2'])).toBe(false);
  });
});

describe('mayChangeOwner', () => {
  it('lets the owner and approvers hand a contract over, nobody else', () => {
    expect(mayChangeOwner('UOWNER', 'UOWNER', [])).toBe(true);
    expect(mayChangeOwner('UALICE', 'UOWNER', ['UALICE'])).toBe(true);
    expect(mayChangeOwner('USTRANGER', 'UOWNER', ['UALICE'])).toBe(false);
    expect(mayChangeOwner('USTRANGER', 'UOWNER', [])).toBe(false);
  });

  it('lets anyone claim an unowned contract until approvers exist', () => {
    expect(mayChangeOwner('USTRANGER', '', [])).toBe(true);
    expect(mayChangeOwner('USTRANGER', '', ['UALICE'])).toBe(false);
  });
});
