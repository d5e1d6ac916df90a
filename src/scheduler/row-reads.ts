import type { Day } from '../domain/days.js';
import type { Db } from '../store/client.js';
import { escalationContacts, type Contact } from '../store/contacts.js';
import { contractsByIds, type Contract } from '../store/contracts.js';
import { issuesByIds, type VendorIssue } from '../store/issues.js';
import { cycleKey, firstRenewalSteps, reminderEvidenceOfMany, type ReminderEvidence } from '../store/reminder-evidence.js';
import { seriesId, seriesWithStepDue, type Reminder } from '../store/reminder-ledger.js';
import { slaPoliciesOf, type SlaPolicy } from '../store/sla-policies.js';

/**
 * Loads many keys with one call. Every key asked for in the same turn of the event loop (the rows of
 * a batch, checked or built side by side) goes into one load; an answer is kept for the batch.
 */
class Coalesced<K, V> {
  private readonly known = new Map<string, Promise<V | undefined>>();
  private queued: { id: string; key: K; settle: (load: Promise<Map<string, V>>) => void }[] = [];

  constructor(
    private readonly load: (keys: K[]) => Promise<Map<string, V>>,
    private readonly idOf: (key: K) => string,
  ) {}

  get(key: K): Promise<V | undefined> {
    const id = this.idOf(key);
    let answer = this.known.get(id);
    if (!answer) {
      answer = new Promise<V | undefined>((resolve, reject) => {
        if (this.queued.length === 0) setImmediate(() => this.flush());
        this.queued.push({ id, key, settle: (load) => load.then((found) => resolve(found.get(id)), reject) });
      });
      this.known.set(id, answer);
    }
    return answer;
  }

  private flush(): void {
    const queued = this.queued;
    this.queued = [];
    const load = this.load(queued.map((q) => q.key));
    for (const q of queued) q.settle(load);
  }
}

/** The day and instant renewal evidence is read as of, in a workspace's zone. */
export interface AsOf {
  timezone: string;
  today: Day;
  now: Date;
}

/**
 * What the rows prepared together read, each kind of read made once for all of them (families call
 * these instead of the store's one-row functions). Lives as long as one batch of rows: nothing read
 * here outlasts it.
 */
export class RowReads {
  private readonly contracts: Coalesced<string, Contract>;
  private readonly issues: Coalesced<string, VendorIssue>;
  private readonly firstRenewals: Coalesced<{ contractId: string; cycle: number }, string>;
  private readonly evidence: Coalesced<{ contract: Contract; cycle: number; at: AsOf }, ReminderEvidence>;
  private readonly policies: Coalesced<{ contractId: string; timezone: string }, SlaPolicy>;
  private readonly escalations: Coalesced<string, Map<number, Contact>>;
  private readonly stepsDue: Coalesced<{ row: Pick<Reminder, 'workspaceId' | 'subject' | 'cycle'>; kind: string; now: Date }, true>;

  constructor(db: Db) {
    this.contracts = new Coalesced((ids) => contractsByIds(db, ids), (id) => id);
    this.issues = new Coalesced((ids) => issuesByIds(db, ids), (id) => id);
    this.firstRenewals = new Coalesced((cycles) => firstRenewalSteps(db, cycles), (c) => cycleKey(c.contractId, c.cycle));
    this.evidence = new Coalesced(
      (keys) => byGroup(keys, (k) => `${k.at.timezone} ${k.at.today} ${k.at.now.getTime()}`, async (group) => {
        const found = await reminderEvidenceOfMany(db, group, group[0]!.at);
        return new Map(group.map((k) => [evidenceId(k), found.get(contractIdOf(k))!]));
      }),
      evidenceId,
    );
    this.policies = new Coalesced(
      (keys) => byGroup(keys, (k) => k.timezone, async (group) => {
        const found = await slaPoliciesOf(db, group.map((k) => k.contractId), group[0]!.timezone);
        return new Map(group.map((k) => [`${k.contractId} ${k.timezone}`, found.get(k.contractId)!]));
      }),
      (k) => `${k.contractId} ${k.timezone}`,
    );
    this.escalations = new Coalesced((ids) => escalationContacts(db, ids), (id) => id);
    this.stepsDue = new Coalesced(
      (keys) => byGroup(keys, (k) => `${k.kind} ${k.now.getTime()}`, async (group) => {
        const due = await seriesWithStepDue(db, group.map((k) => k.row), group[0]!.kind, group[0]!.now);
        return new Map(group.filter((k) => due.has(seriesId(k.row))).map((k) => [stepDueId(k), true as const]));
      }),
      stepDueId,
    );
  }

  async contract(id: string): Promise<Contract | null> {
    return (await this.contracts.get(id)) ?? null;
  }

  async issue(id: string): Promise<VendorIssue | null> {
    return (await this.issues.get(id)) ?? null;
  }

  /** Whether `step` is its cycle's first renewal reminder to go out (`isFirstRenewal`). */
  async isFirstRenewal(contractId: string, cycle: number, step: string): Promise<boolean> {
    const first = await this.firstRenewals.get({ contractId, cycle });
    return first === undefined || first === step;
  }

  /** What a renewal reminder of the contract's cycle shows besides the contract (`reminderEvidence`). */
  async renewalEvidence(contract: Contract, cycle: number, at: AsOf): Promise<ReminderEvidence> {
    return (await this.evidence.get({ contract, cycle, at }))!;
  }

  async slaPolicy(contractId: string, timezone: string): Promise<SlaPolicy> {
    return (await this.policies.get({ contractId, timezone }))!;
  }

  /** The escalation contact of a level, if one is on record (`escalationContact`). */
  async escalationContact(contractId: string, level: number): Promise<Contact | null> {
    return (await this.escalations.get(contractId))?.get(level) ?? null;
  }

  /** Whether another step of the row's series, of `kind`, is due by `now` (`siblingDue`). */
  async siblingDue(row: Pick<Reminder, 'workspaceId' | 'subject' | 'cycle'>, kind: string, now: Date): Promise<boolean> {
    return (await this.stepsDue.get({ row, kind, now })) === true;
  }
}

function evidenceId(k: { contract: Contract; cycle: number; at: AsOf }): string {
  return `${contractIdOf(k)} ${k.cycle} ${k.at.timezone} ${k.at.today} ${k.at.now.getTime()}`;
}

function stepDueId(k: { row: Pick<Reminder, 'workspaceId' | 'subject' | 'cycle'>; kind: string; now: Date }): string {
  return `${seriesId(k.row)} ${k.kind} ${k.now.getTime()}`;
}

/** Loads keys in groups that share what a load needs besides the keys (a zone, a kind): one load per group. */
async function byGroup<K, V>(keys: readonly K[], groupOf: (key: K) => string, load: (group: K[]) => Promise<Map<string, V>>): Promise<Map<string, V>> {
  const groups = new Map<string, K[]>();
  for (const key of keys) {
    const group = groups.get(groupOf(key));
    if (group) group.push(key);
    else groups.set(groupOf(key), [key]);
  }
  const result = new Map<string, V>();
  for (const found of await Promise.all([...groups.values()].map(load))) for (const [id, value] of found) result.set(id, value);
  return result;
}

function contractIdOf({ contract }: { contract: Contract }): string {
  return contract.id;
}
