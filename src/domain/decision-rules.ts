export type Choice = 'renew' | 'renegotiate' | 'terminate';
export const CHOICES: readonly Choice[] = ['renew', 'renegotiate', 'terminate'];

export interface DecisionPolicy {
  ownerId: string;
  approvers: readonly string[];
  /** Annual value at or above which a second approver must confirm; null = never. */
  threshold: number | null;
}

/** Only the owner or a workspace approver may decide. */
export function mayDecide(userId: string, policy: DecisionPolicy): boolean {
  return userId === policy.ownerId || policy.approvers.includes(userId);
}

export function needsSecondApprover(annualValue: number | null, policy: DecisionPolicy): boolean {
  return policy.threshold !== null && annualValue !== null && annualValue >= policy.threshold;
}

/** The confirming approver must be an approver and not the person who proposed the decision. */
export function mayApprove(userId: string, proposedBy: string, policy: DecisionPolicy): boolean {
  return userId !== proposedBy && policy.approvers.includes(userId);
}

/** Settings are open to everyone until approvers exist; then to approvers only. */
export function mayChangeSettings(userId: string, approvers: readonly string[]): boolean {
  return approvers.length === 0 || approvers.includes(userId);
}

/**
 * Who may give a contract a new owner: its owner or an approver (else anyone could make themself
 * owner and so decide). A contract without an owner (imported) may be claimed by anyone until
 * approvers exist.
 */
export function mayChangeOwner(userId: string, ownerId: string, approvers: readonly string[]): boolean {
  return userId === ownerId || approvers.includes(userId) || (ownerId === '' && approvers.length === 0);
}
