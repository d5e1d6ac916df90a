import { compareDays, type Day } from './days.js';

/**
 * Who may do what: the one rule every path goes through (commands, buttons, forms, on every platform).
 * Plain data in, a verdict out; the command layer words the refusal.
 */

/** The people a contract answers to. `ownerId` is '' for an unowned (imported) contract. */
export interface Holders {
  ownerId: string;
  /** Who added it ('' when imported). */
  createdBy: string;
}

export type Act =
  /** Renew, renegotiate, terminate, snooze. */
  | { kind: 'decide'; contract: Holders }
  /** Confirm or reject someone else's proposal (four eyes). */
  | { kind: 'approve'; proposedBy: string }
  /** Change fields or contacts. `lowersBelowThreshold`: the annual value goes from at/above the approval threshold to below it. */
  | { kind: 'edit'; contract: Holders; lowersBelowThreshold?: boolean }
  | { kind: 'archive'; contract: Holders }
  /** Give a contract a new owner (edit owner:, contact … role:owner). */
  | { kind: 'change-owner'; contract: Holders }
  /** Move every role of `from` (handover, "Assign successor"). `leavingOn` is from's leaving date, if recorded; on that day they have left. */
  | { kind: 'hand-over'; from: string; leavingOn: Day | null; today: Day }
  /** Record that `person` is leaving. */
  | { kind: 'mark-leaving'; person: string }
  /** Move a service credit on (claim sent, credited, rejected, waived). */
  | { kind: 'manage-credit'; contract: Holders }
  /** Start a pulse survey now, or read its comments (shown without names). */
  | { kind: 'run-survey'; contract: Holders }
  | { kind: 'read-comments'; contract: Holders }
  | { kind: 'change-settings' }
  /** See or replace the private calendar feed URL: as private as the settings. */
  | { kind: 'calendar-feed' };

export type Refusal =
  | 'not-owner-or-approver'
  | 'not-owner-creator-or-approver'
  | 'not-approver'
  | 'own-proposal'
  | 'lowering-needs-approver'
  | 'not-leaver-or-approver';

export type Verdict = { allowed: true; onBehalfOf: boolean } | { allowed: false; refusal: Refusal };

const yes = (onBehalfOf = false): Verdict => ({ allowed: true, onBehalfOf });
const no = (refusal: Refusal): Verdict => ({ allowed: false, refusal });

/**
 * `approvers` are the workspace's. While there are none, the workspace trusts its members: settings
 * are open, and an unowned contract is anyone's to claim or edit.
 */
export function authorise(userId: string, approvers: readonly string[], act: Act): Verdict {
  const isApprover = approvers.includes(userId);
  const open = approvers.length === 0;
  const owns = (c: Holders) => userId !== '' && userId === c.ownerId;
  const unownedAndOpen = (c: Holders) => c.ownerId === '' && open;
  switch (act.kind) {
    case 'decide':
    case 'manage-credit':
    case 'run-survey':
    case 'read-comments':
      return owns(act.contract) || isApprover ? yes() : no('not-owner-or-approver');
    case 'approve':
      if (userId === act.proposedBy) return no('own-proposal');
      return isApprover ? yes() : no('not-approver');
    case 'change-owner':
      return owns(act.contract) || isApprover || unownedAndOpen(act.contract) ? yes() : no('not-owner-or-approver');
    case 'edit':
    case 'archive': {
      const createdIt = open && userId !== '' && userId === act.contract.createdBy;
      if (!(owns(act.contract) || isApprover || createdIt || unownedAndOpen(act.contract))) return no(open ? 'not-owner-creator-or-approver' : 'not-owner-or-approver');
      if (act.kind === 'edit' && act.lowersBelowThreshold && !isApprover) return no('lowering-needs-approver');
      return yes();
    }
    case 'hand-over': {
      if (userId === act.from || isApprover) return yes(userId !== act.from);
      // Nobody is left to hand over and nobody can approve: anyone may name a successor, openly.
      const left = act.leavingOn !== null && compareDays(act.today, act.leavingOn) >= 0;
      return open && left ? yes(true) : no('not-leaver-or-approver');
    }
    case 'mark-leaving':
      if (userId === act.person || isApprover) return yes(userId !== act.person);
      return open ? yes(true) : no('not-leaver-or-approver');
    case 'change-settings':
    case 'calendar-feed':
      return open || isApprover ? yes() : no('not-approver');
  }
}
