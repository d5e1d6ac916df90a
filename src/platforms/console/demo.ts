/**
 * The sandbox's demo workspace: who is in it and its channels. Ids have the shape of Slack's, so that
 * the command layer reads `<@UDEMODANA>` and `<#CDEMORENEWALS>` like any other mention.
 */
export const DEMO_WORKSPACE = 'console:demo';

export interface DemoPerson {
  id: string;
  name: string;
  /** What they do, shown in the "act as" choice. */
  about: string;
}

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  { id: 'UDEMODANA', name: 'Dana Whitfield', about: 'IT manager, owns most contracts, approver' },
  { id: 'UDEMOSAM', name: 'Sam Okafor', about: 'finance, approver' },
  { id: 'UDEMOPRIYA', name: 'Priya Nair', about: 'service desk lead' },
  { id: 'UDEMOLEE', name: 'Lee Carter', about: 'infrastructure, leaving soon' },
];

/** Who the console acts as in the demo unless another person is picked. */
export const DEMO_USER = DEMO_PEOPLE[0]!.id;

export const DEMO_CHANNELS: ReadonlyMap<string, string> = new Map([
  ['CDEMORENEWALS', 'renewals'],
  ['CDEMOITOPS', 'it-ops'],
]);

/** The channel the console's chat panel types into. */
export const DEMO_CHANNEL = 'CDEMORENEWALS';
