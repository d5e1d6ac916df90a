import { annualValue, deadlineOf, type Per } from '../domain/contract-terms.js';
import { creditTotals } from '../domain/credits.js';
import type { Day } from '../domain/days.js';
import { judge, type Judgement, type ScorecardFacts, type Verdict } from '../domain/scorecard.js';
import { departmentSplit, NO_DEPARTMENT } from '../domain/spend.js';
import type { Compliance } from '../domain/sla-stats.js';
import { termsOf, type Contract } from '../store/contracts.js';
import { figuresOf, stateOf } from '../store/credits.js';
import type { Evidence } from '../store/reminder-evidence.js';
import { totalsLines } from './credit.js';
import { cents, day, daysLeft, uptimeFloor } from './format.js';
import type { Block, Message } from './model.js';
import { closedAsOf, surveyLine, type SurveyClock } from './survey.js';

const MARKS: Record<Verdict, string> = { green: '🟢 *Green*', amber: '🟠 *Amber*', red: '🔴 *Red*' };

/** The facts the verdict rule (src/domain/scorecard.ts) judges, from a contract's evidence. */
export function scorecardFacts(evidence: Evidence, clock: SurveyClock): ScorecardFacts {
  const { current, policy } = evidence.sla;
  const both = [current.response.compliance, current.resolution.compliance];
  const decided = both.reduce((sum, c) => sum + c.met + c.breached, 0);
  const survey = evidence.survey && closedAsOf(evidence.survey.survey, clock) && evidence.survey.tally.average !== null ? { average: evidence.survey.tally.average, count: evidence.survey.tally.count } : null;
  return {
    compliance: decided > 0 ? { met: both.reduce((sum, c) => sum + c.met, 0), decided } : null,
    expectation: policy.expectation,
    uptime: current.uptime,
    uptimeTarget: policy.uptimeTarget,
    breaches: current.breachCount,
    creditMonths: new Set(evidence.credits.map((c) => c.month)).size,
    creditsLost: evidence.credits.filter((c) => stateOf(c) === 'lost').length,
    survey,
  };
}

function complianceText(c: Compliance): string {
  return c.rate === null ? (c.pending > 0 ? `none decided yet, ${c.pending} running` : 'nothing measured') : `${c.met} of ${c.met + c.breached} met (${Math.round(c.rate * 100)} %)`;
}

function annualCost(contract: Contract): string {
  const annual = annualValue(contract.value, contract.per as Per);
  return annual === null ? 'not recorded' : `${cents(annual, contract.currency)} a year${contract.per === 'month' ? ` (${cents(contract.value!, contract.currency)} a month)` : ''}`;
}

function departmentsText(contract: Contract): string {
  const split = departmentSplit(contract.value, contract.per as Per, contract.departments);
  if (split.length === 1 && split[0]!.department === NO_DEPARTMENT) return 'not split (`/contract edit … departments:IT:60,Finance:40`)';
  return split.map((s) => `${s.department} ${s.percent} %${s.amount === null ? '' : ` (${cents(s.amount, contract.currency)})`}`).join(' · ');
}

/** "🟠 Amber: uptime 99.5 % is below its 99.9 % target; …". */
export function verdictLine(judgement: Judgement): string {
  return `${MARKS[judgement.verdict]}: ${judgement.reasons.join('; ')}.`;
}

/** The verdict and the facts behind it, as blocks: the scorecard message, and an attachment to the first renewal reminder of a cycle. */
/** `onReminder`: the reminder shows the notice deadline and the survey line already. */
export function scorecardBlocks(contract: Contract, evidence: Evidence, options: { today: Day; clock: SurveyClock; onReminder?: boolean }): { judgement: Judgement; blocks: Block[] } {
  const judgement = judge(scorecardFacts(evidence, options.clock));
  const { current, policy } = evidence.sla;
  const deadline = deadlineOf(termsOf(contract));
  const worst = current.breaches[0];
  const credits = totalsLines(creditTotals(evidence.credits.map(figuresOf)));
  const survey = evidence.survey ? surveyLine(evidence.survey.survey, evidence.survey.tally, options.clock) : 'Survey: none yet (`/contract survey …` starts one)';
  const blocks: Block[] = [
    { type: 'section', text: verdictLine(judgement) },
    {
      type: 'fields',
      fields: [
        { label: 'Response compliance', value: complianceText(current.response.compliance) },
        { label: 'Resolution compliance', value: complianceText(current.resolution.compliance) },
        { label: 'Uptime', value: current.uptime === null ? 'not measured' : `${uptimeFloor(current.uptime)}${policy.uptimeTarget !== null ? ` (target ${policy.uptimeTarget} %)` : ' (no target set)'}` },
        { label: 'Breaches', value: `${current.breachCount}${worst ? ` (worst: ${evidence.sla.labels.get(worst.issueId) ?? '?'} ${worst.priority.toUpperCase()} ${worst.measure}${Number.isFinite(worst.ratio) ? `, ${worst.ratio.toFixed(1)}× its target` : ''})` : ''}` },
        { label: 'Service credits', value: credits.length > 0 ? credits.join('\n') : policy.creditTiers.length > 0 ? 'none earned' : 'no credit tiers set' },
        { label: 'Annual cost', value: annualCost(contract) },
        { label: 'Departments', value: departmentsText(contract) },
        ...(options.onReminder ? [] : [{ label: 'Notice deadline', value: `${day(deadline)}, ${daysLeft(options.today, deadline)}` }]),
      ],
    },
    ...(options.onReminder ? [] : [{ type: 'section' as const, text: survey }]),
  ];
  return { judgement, blocks };
}

/** `/contract scorecard <name> [period:12m]`. */
export function scorecardMessage(contract: Contract, evidence: Evidence, options: { title: string; today: Day; clock: SurveyClock }): Message {
  const { judgement, blocks } = scorecardBlocks(contract, evidence, options);
  const deadline = deadlineOf(termsOf(contract));
  const survey = evidence.survey ? ` ${surveyLine(evidence.survey.survey, evidence.survey.tally, options.clock)}.` : '';
  return {
    text: `Scorecard of ${contract.name} (${contract.vendor}), ${options.title}: ${judgement.verdict.toUpperCase()} — ${judgement.reasons.join('; ')}. Notice deadline ${deadline}, ${daysLeft(options.today, deadline)}.${survey}`,
    blocks: [
      { type: 'header', text: `Scorecard: ${contract.name}, ${options.title}` },
      ...blocks,
      { type: 'context', text: `Renewal Desk · scorecard · the verdict rule is in the README (green / amber / red) · details: \`/sla "${contract.name}" period:12m\`` },
    ],
  };
}
