import type { Db } from '../../store/client.js';
import type { Contract } from '../../store/contracts.js';
import type { Workspace } from '../../store/workspaces.js';
import { creditEvidence } from './credit-evidence.js';
import { surveyEvidence } from './survey-evidence.js';
import type { EvidenceSection } from './views/contract.js';
import type { Names } from './views/markup.js';

export interface EvidenceInput {
  db: Db;
  contract: Contract;
  workspace: Workspace;
  now: Date;
  /** For the mentions in what a section shows ("claim sent by @Dana"). */
  names: Names;
}

/**
 * The contract page's evidence sections beyond the SLA charts (SPEC §7): service credits and the
 * pulse survey. Each provider returns its section for a contract, or null when it has nothing to
 * show; the page renders them, in this order, between the SLA charts and the audit trail.
 */
export type EvidenceProvider = (input: EvidenceInput) => Promise<EvidenceSection | null>;

export const EVIDENCE_PROVIDERS: EvidenceProvider[] = [creditEvidence, surveyEvidence];
