import { describe, expect, it } from 'vitest';
import { judge, type ScorecardFacts } from '../../src/domain/scorecard.js';

// A vendor that does well: 19 of 20 targets met (95 % against 90 % expected), uptime 99.95 % (target
// 99.9), no credits, a survey of 4.2 from 9 people.
const GOOD: ScorecardFacts = {
  compliance: { met: 19, decided: 20 }, expectation: 90, uptime: 0.9995, uptimeTarget: 99.9, breaches: 1, creditMonths: 0, creditsLost: 0, survey: { average: 4.2, count: 9 },
};

describe('judge: the scorecard verdict', () => {
  it.each<[string, Partial<ScorecardFacts>, 'green' | 'amber' | 'red', string[]]>([
    ['all good', {}, 'green', ['SLA compliance 95 % (19 of 20 targets met) meets the 90 % expected', 'uptime 99.95 % meets its 99.9 % target', 'the survey average is 4.2/5 from 9 people']],
    ['compliance exactly as expected', { compliance: { met: 9, decided: 10 } }, 'green', ['SLA compliance 90 % (9 of 10 targets met) meets the 90 % expected']],
    ['compliance a little below', { compliance: { met: 8, decided: 10 } }, 'amber', ['SLA compliance 80 % (8 of 10 targets met) is below the 90 % expected']],
    ['compliance 15 points below', { compliance: { met: 3, decided: 4 } }, 'red', ['SLA compliance 75 % (3 of 4 targets met) is 15 points below the 90 % expected']],
    ['compliance 14 points below', { compliance: { met: 38, decided: 50 } }, 'amber', ['SLA compliance 76 % (38 of 50 targets met) is below the 90 % expected']],
    ['uptime just below its target', { uptime: 0.99899 }, 'amber', ['uptime 99.899 % is below its 99.9 % target']],
    ['uptime exactly at its target', { uptime: 0.999 }, 'green', ['uptime 99.9 % meets its 99.9 % target']],
    ['one credit month', { creditMonths: 1 }, 'amber', ['a service credit was earned in 1 month']],
    ['two credit months and one lost', { creditMonths: 2, creditsLost: 1 }, 'amber', ['service credits were earned in 2 months', '1 service credit was lost (not claimed in time)']],
    ['three credit months', { creditMonths: 3 }, 'red', ['service credits were earned in 3 months']],
    ['a poor survey', { survey: { average: 3.4, count: 5 } }, 'amber', ['the survey average is 3.4/5 from 5 people (below 3.5)']],
    ['a bad survey', { survey: { average: 2.4, count: 5 } }, 'red', ['the survey average is 2.4/5 from 5 people (below 2.5)']],
    ['a bad survey from too few people', { survey: { average: 1, count: 2 } }, 'green', ['the survey had only 2 votes (too few to judge)']],
    ['nothing measured at all', { compliance: null, uptime: null, uptimeTarget: null, survey: null }, 'amber', ['there is no evidence to judge by: no SLA targets measured, no uptime target, no survey results']],
    ['nothing measured but a survey of two', { compliance: null, uptime: null, uptimeTarget: null, survey: { average: 3.5, count: 2 } }, 'amber', ['there is no evidence to judge by: no SLA targets measured, no uptime target, a survey of only 2 votes (3 needed)']],
    ['red reasons come first, amber ones follow', { compliance: { met: 1, decided: 4 }, uptime: 0.99 }, 'red', ['SLA compliance 25 % (1 of 4 targets met) is 65 points below the 90 % expected', 'uptime 99 % is below its 99.9 % target']],
  ])('%s → %s', (_what, change, verdict, reasons) => {
    const judged = judge({ ...GOOD, ...change });
    expect(judged.verdict).toBe(verdict);
    for (const reason of reasons) expect(judged.reasons).toContain(reason);
    if (verdict !== 'green') expect(judged.reasons.every((r) => !r.includes('meets'))).toBe(true);
  });
});
