import type { Db } from '../../store/client.js';
import type { Contract } from '../../store/contracts.js';
import type { Workspace } from '../../store/workspaces.js';
import type { EvidenceSection } from './views/contract.js';

/**
 * The contract page's evidence sections beyond the SLA charts: service credits and the pulse survey
 * (SPEC §7, built on their own branch). Each provider returns its section for a contract, or null
 * when it has nothing to show; the page renders them, in this order, between the SLA charts and the
 * audit trail. Wired when those features are merged.
 */
export type EvidenceProvider = (db: Db, contract: Contract, workspace: Workspace, now: Date) => Promise<EvidenceSection | null>;

export const EVIDENCE_PROVIDERS: EvidenceProvider[] = [];
