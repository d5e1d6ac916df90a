export type Choice = 'renew' | 'renegotiate' | 'terminate';
export const CHOICES: readonly Choice[] = ['renew', 'renegotiate', 'terminate'];

export interface DecisionPolicy {
  ownerId: string;
  approvers: readonly string[];
  /** Annual value at or above which a second approver must confirm; null = never. */
  threshold: number | null;
}

export function needsSecondApprover(annualValue: number | null, policy: DecisionPolicy): boolean {
  return policy.threshold !== null && annualValue !== null && annualValue >= policy.threshold;
}
