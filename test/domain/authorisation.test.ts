import { describe, expect, it } from 'vitest';
import { authorise, type Act } from '../../src/domain/authorisation.js';

// The cast: UOWNER owns the contract, UADDER added it, UAPP is an approver (when approvers are set),
// ULEAVER hands over, USTRANGER is anyone else in the workspace.
const contract = { ownerId: 'UOWNER', createdBy: 'UADDER' };
const unowned = { ownerId: '', createdBy: '' };
const WITH = ['UAPP', 'UAPP2'];
const NONE: string[] = [];
const TODAY = '2027-01-15';

type Row = [who: string, approvers: 'set' | 'none', act: Act, expected: 'allow' | 'on behalf' | string];

const table: Row[] = [
  // decide (renew, renegotiate, terminate, snooze): owner or approver
  ['UOWNER', 'set', { kind: 'decide', contract }, 'allow'],
  ['UAPP', 'set', { kind: 'decide', contract }, 'allow'],
  ['UADDER', 'set', { kind: 'decide', contract }, 'not-owner-or-approver'],
  ['USTRANGER', 'set', { kind: 'decide', contract }, 'not-owner-or-approver'],
  ['UOWNER', 'none', { kind: 'decide', contract }, 'allow'],
  ['UADDER', 'none', { kind: 'decide', contract }, 'not-owner-or-approver'],
  ['USTRANGER', 'none', { kind: 'decide', contract }, 'not-owner-or-approver'],
  ['USTRANGER', 'none', { kind: 'decide', contract: unowned }, 'not-owner-or-approver'],
  ['', 'none', { kind: 'decide', contract: unowned }, 'not-owner-or-approver'],
  ['uowner', 'set', { kind: 'decide', contract }, 'not-owner-or-approver'], // ids are exact

  // service credits, surveys started by hand, their comments: owner or approver, whether or not approvers are set
  ...(['manage-credit', 'run-survey', 'read-comments'] as const).flatMap((kind): Row[] => [
    ['UOWNER', 'set', { kind, contract }, 'allow'],
    ['UAPP', 'set', { kind, contract }, 'allow'],
    ['UADDER', 'set', { kind, contract }, 'not-owner-or-approver'],
    ['USTRANGER', 'set', { kind, contract }, 'not-owner-or-approver'],
    ['UOWNER', 'none', { kind, contract }, 'allow'],
    ['UADDER', 'none', { kind, contract }, 'not-owner-or-approver'],
    ['USTRANGER', 'none', { kind, contract }, 'not-owner-or-approver'],
    ['USTRANGER', 'none', { kind, contract: unowned }, 'not-owner-or-approver'],
  ]),

  // approve: a different approver
  ['UAPP2', 'set', { kind: 'approve', proposedBy: 'UAPP' }, 'allow'],
  ['UAPP', 'set', { kind: 'approve', proposedBy: 'UOWNER' }, 'allow'],
  ['UAPP', 'set', { kind: 'approve', proposedBy: 'UAPP' }, 'own-proposal'],
  ['UOWNER', 'set', { kind: 'approve', proposedBy: 'UAPP' }, 'not-approver'],
  ['UOWNER', 'set', { kind: 'approve', proposedBy: 'UOWNER' }, 'own-proposal'],
  ['USTRANGER', 'none', { kind: 'approve', proposedBy: 'UOWNER' }, 'not-approver'],

  // change owner (edit owner:, contact role:owner): owner or approver; an unowned contract is anyone's while nobody approves
  ['UOWNER', 'set', { kind: 'change-owner', contract }, 'allow'],
  ['UAPP', 'set', { kind: 'change-owner', contract }, 'allow'],
  ['UADDER', 'set', { kind: 'change-owner', contract }, 'not-owner-or-approver'],
  ['USTRANGER', 'set', { kind: 'change-owner', contract }, 'not-owner-or-approver'],
  ['UADDER', 'none', { kind: 'change-owner', contract }, 'not-owner-or-approver'],
  ['USTRANGER', 'none', { kind: 'change-owner', contract }, 'not-owner-or-approver'],
  ['USTRANGER', 'none', { kind: 'change-owner', contract: unowned }, 'allow'],
  ['USTRANGER', 'set', { kind: 'change-owner', contract: unowned }, 'not-owner-or-approver'],

  // edit and archive: owner or approver; while no approvers, also whoever added it
  ['UOWNER', 'set', { kind: 'edit', contract }, 'allow'],
  ['UAPP', 'set', { kind: 'edit', contract }, 'allow'],
  ['UADDER', 'set', { kind: 'edit', contract }, 'not-owner-or-approver'],
  ['USTRANGER', 'set', { kind: 'edit', contract }, 'not-owner-or-approver'],
  ['UOWNER', 'none', { kind: 'edit', contract }, 'allow'],
  ['UADDER', 'none', { kind: 'edit', contract }, 'allow'],
  ['USTRANGER', 'none', { kind: 'edit', contract }, 'not-owner-creator-or-approver'],
  ['USTRANGER', 'none', { kind: 'edit', contract: unowned }, 'allow'],
  ['USTRANGER', 'set', { kind: 'edit', contract: unowned }, 'not-owner-or-approver'],
  ['UOWNER', 'set', { kind: 'archive', contract }, 'allow'],
  ['UAPP', 'set', { kind: 'archive', contract }, 'allow'],
  ['UADDER', 'set', { kind: 'archive', contract }, 'not-owner-or-approver'],
  ['USTRANGER', 'set', { kind: 'archive', contract }, 'not-owner-or-approver'],
  ['UADDER', 'none', { kind: 'archive', contract }, 'allow'],
  ['USTRANGER', 'none', { kind: 'archive', contract }, 'not-owner-creator-or-approver'],

  // a value that falls below the approval threshold (four eyes would no longer apply): approvers only
  ['UOWNER', 'set', { kind: 'edit', contract, lowersBelowThreshold: true }, 'lowering-needs-approver'],
  ['UAPP', 'set', { kind: 'edit', contract, lowersBelowThreshold: true }, 'allow'],
  ['USTRANGER', 'set', { kind: 'edit', contract, lowersBelowThreshold: true }, 'not-owner-or-approver'],
  ['UOWNER', 'none', { kind: 'edit', contract, lowersBelowThreshold: true }, 'lowering-needs-approver'],

  // hand over (handover @from @to, Assign successor): the person handing over, or an approver;
  // with no approvers and the leaving date come, anyone, on behalf of the leaver
  ['ULEAVER', 'set', { kind: 'hand-over', from: 'ULEAVER', leavingOn: null, today: TODAY }, 'allow'],
  ['ULEAVER', 'none', { kind: 'hand-over', from: 'ULEAVER', leavingOn: '2027-02-01', today: TODAY }, 'allow'],
  ['UAPP', 'set', { kind: 'hand-over', from: 'ULEAVER', leavingOn: null, today: TODAY }, 'on behalf'],
  ['UAPP', 'set', { kind: 'hand-over', from: 'ULEAVER', leavingOn: '2027-01-01', today: TODAY }, 'on behalf'],
  ['UOWNER', 'set', { kind: 'hand-over', from: 'ULEAVER', leavingOn: '2027-01-01', today: TODAY }, 'not-leaver-or-approver'],
  ['USTRANGER', 'set', { kind: 'hand-over', from: 'ULEAVER', leavingOn: '2027-01-01', today: TODAY }, 'not-leaver-or-approver'],
  ['USTRANGER', 'set', { kind: 'hand-over', from: 'UOWNER', leavingOn: null, today: TODAY }, 'not-leaver-or-approver'],
  ['USTRANGER', 'none', { kind: 'hand-over', from: 'ULEAVER', leavingOn: null, today: TODAY }, 'not-leaver-or-approver'],
  ['USTRANGER', 'none', { kind: 'hand-over', from: 'ULEAVER', leavingOn: '2027-01-16', today: TODAY }, 'not-leaver-or-approver'],
  ['USTRANGER', 'none', { kind: 'hand-over', from: 'ULEAVER', leavingOn: TODAY, today: TODAY }, 'on behalf'],
  ['USTRANGER', 'none', { kind: 'hand-over', from: 'ULEAVER', leavingOn: '2026-12-31', today: TODAY }, 'on behalf'],

  // record a leaving date: the person, an approver; anyone while nobody approves (said openly)
  ['ULEAVER', 'set', { kind: 'mark-leaving', person: 'ULEAVER' }, 'allow'],
  ['UAPP', 'set', { kind: 'mark-leaving', person: 'ULEAVER' }, 'on behalf'],
  ['UOWNER', 'set', { kind: 'mark-leaving', person: 'ULEAVER' }, 'not-leaver-or-approver'],
  ['USTRANGER', 'set', { kind: 'mark-leaving', person: 'UOWNER' }, 'not-leaver-or-approver'],
  ['USTRANGER', 'none', { kind: 'mark-leaving', person: 'UOWNER' }, 'on behalf'],

  // settings: open until approvers exist
  ['USTRANGER', 'none', { kind: 'change-settings' }, 'allow'],
  ['UAPP', 'set', { kind: 'change-settings' }, 'allow'],
  ['UOWNER', 'set', { kind: 'change-settings' }, 'not-approver'],
  ['USTRANGER', 'none', { kind: 'calendar-feed' }, 'allow'],
  ['UAPP', 'set', { kind: 'calendar-feed' }, 'allow'],
  ['UOWNER', 'set', { kind: 'calendar-feed' }, 'not-approver'],
];

describe('authorise: who × action × approvers set or not × leaving date', () => {
  it.each(table)('%s (approvers %s) %j → %s', (who, approvers, act, expected) => {
    const verdict = authorise(who, approvers === 'set' ? WITH : NONE, act);
    if (expected === 'allow') expect(verdict).toEqual({ allowed: true, onBehalfOf: false });
    else if (expected === 'on behalf') expect(verdict).toEqual({ allowed: true, onBehalfOf: true });
    else expect(verdict).toEqual({ allowed: false, refusal: expected });
  });

  it('covers every kind of act', () => {
    const kinds = new Set(table.map(([, , act]) => act.kind));
    expect([...kinds].sort()).toEqual(['approve', 'archive', 'calendar-feed', 'change-owner', 'change-settings', 'decide', 'edit', 'hand-over', 'manage-credit', 'mark-leaving', 'read-comments', 'run-survey']);
  });
});
