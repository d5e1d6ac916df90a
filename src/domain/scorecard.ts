import { uptimePercentFloor } from './uptime.js';

/**
 * The scorecard's verdict (SPEC §7): green, amber or red, with the reasons for it. One rule, pure,
 * stated in README ("Service credits, surveys, scorecard, spend"):
 *
 * red, when any of
 *   - SLA compliance (response and resolution targets together) is 15 points or more below the compliance expected;
 *   - service credits were earned in 3 or more months of the period;
 *   - the survey average is below 2.5 (from at least 3 people);
 * amber, when none of those but any of
 *   - SLA compliance is below the compliance expected;
 *   - uptime is below its target;
 *   - a service credit was earned (1 or 2 months);
 *   - a service credit was lost (not claimed in time);
 *   - the survey average is below 3.5 (from at least 3 people);
 *   - there is no evidence at all (nothing measured against an SLA target, no uptime target, no survey with 3 votes);
 * green otherwise, with the facts that make it so.
 */
export type Verdict = 'green' | 'amber' | 'red';

export interface ScorecardFacts {
  /** Response and resolution targets together: met of decided (met + breached); null when none decided. */
  compliance: { met: number; decided: number } | null;
  /** The compliance (percent) the team expects. */
  expectation: number;
  /** Uptime over the period (fraction) and its target (percent); null when not measured / not set. */
  uptime: number | null;
  uptimeTarget: number | null;
  breaches: number;
  /** Months of the period that earned a service credit, and credits lost unclaimed. */
  creditMonths: number;
  creditsLost: number;
  /** The latest survey's average and how many voted; null without a closed survey. */
  survey: { average: number; count: number } | null;
}

export interface Judgement {
  verdict: Verdict;
  reasons: string[];
}

export const RED_COMPLIANCE_GAP = 15;
export const RED_CREDIT_MONTHS = 3;
export const RED_SURVEY_BELOW = 2.5;
export const AMBER_SURVEY_BELOW = 3.5;
export const MIN_SURVEY_VOTES = 3;

const pct = (n: number) => `${Math.round(n)} %`;
const uptimeText = (fraction: number) => `${uptimePercentFloor(fraction)} %`;

export function judge(f: ScorecardFacts): Judgement {
  const red: string[] = [];
  const amber: string[] = [];
  const good: string[] = [];

  if (f.compliance && f.compliance.decided > 0) {
    const rate = (f.compliance.met / f.compliance.decided) * 100;
    const gap = f.expectation - rate;
    const said = `SLA compliance ${pct(rate)} (${f.compliance.met} of ${f.compliance.decided} targets met)`;
    if (gap >= RED_COMPLIANCE_GAP - 1e-9) red.push(`${said} is ${Math.round(gap)} points below the ${f.expectation} % expected`);
    else if (gap > 1e-9) amber.push(`${said} is below the ${f.expectation} % expected`);
    else good.push(`${said} meets the ${f.expectation} % expected`);
  }
  if (f.uptime !== null && f.uptimeTarget !== null) {
    if (f.uptime * 100 < f.uptimeTarget - 1e-9) amber.push(`uptime ${uptimeText(f.uptime)} is below its ${f.uptimeTarget} % target`);
    else good.push(`uptime ${uptimeText(f.uptime)} meets its ${f.uptimeTarget} % target`);
  }
  if (f.creditMonths >= RED_CREDIT_MONTHS) red.push(`service credits were earned in ${f.creditMonths} months`);
  else if (f.creditMonths > 0) amber.push(f.creditMonths === 1 ? 'a service credit was earned in 1 month' : `service credits were earned in ${f.creditMonths} months`);
  if (f.creditsLost > 0) amber.push(`${f.creditsLost} service credit${f.creditsLost === 1 ? ' was' : 's were'} lost (not claimed in time)`);
  if (f.survey && f.survey.count >= MIN_SURVEY_VOTES) {
    const said = `the survey average is ${f.survey.average.toFixed(1)}/5 from ${f.survey.count} people`;
    if (f.survey.average < RED_SURVEY_BELOW) red.push(`${said} (below ${RED_SURVEY_BELOW})`);
    else if (f.survey.average < AMBER_SURVEY_BELOW) amber.push(`${said} (below ${AMBER_SURVEY_BELOW})`);
    else good.push(said);
  } else if (f.survey) {
    good.push(`the survey had only ${f.survey.count} ${f.survey.count === 1 ? 'vote' : 'votes'} (too few to judge)`);
  }
  const evidence = (f.compliance !== null && f.compliance.decided > 0) || f.uptimeTarget !== null || (f.survey !== null && f.survey.count >= MIN_SURVEY_VOTES);
  if (!evidence) {
    const survey = f.survey ? `a survey of only ${f.survey.count} ${f.survey.count === 1 ? 'vote' : 'votes'} (${MIN_SURVEY_VOTES} needed)` : 'no survey results';
    amber.push(`there is no evidence to judge by: no SLA targets measured, no uptime target, ${survey}`);
  }

  if (red.length > 0) return { verdict: 'red', reasons: [...red, ...amber] };
  if (amber.length > 0) return { verdict: 'amber', reasons: amber };
  return { verdict: 'green', reasons: good.length > 0 ? good : ['no problems recorded'] };
}
