import type { Day } from '../../domain/days.js';
import * as v from '../values.js';

export const ADD_EXAMPLE = '/contract add "Globex Support" vendor:Globex end:2027-03-31 notice:60d value:12000 currency:USD per:year tier:1';

/** The `/contract add` keys; CSV import uses the same ones as column names. */
export function contractFieldSpec(today: Day) {
  return {
    vendor: v.vendorName,
    end: v.daySchema(today),
    start: v.daySchema(today),
    notice: v.noticeDays,
    renewal: v.renewalMode,
    term: v.termMonths,
    value: v.money,
    currency: v.currency,
    per: v.perPeriod,
    tier: v.tier,
    owner: v.userMention,
    channel: v.channelMention,
    services: v.servicesText,
    departments: v.departments,
  };
}

export type ContractFieldSpec = ReturnType<typeof contractFieldSpec>;
