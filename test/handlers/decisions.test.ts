import { describe, expect, it } from 'vitest';
import { handlerBed } from '../helpers/handler-bed.js';

// Decisions typed as commands, on a real database, no bot (clicks and the cards they update:
// test/integration/decisions.test.ts).
const bed = handlerBed({ now: '2026-11-23T10:00:00Z' });

describe('contract decide', () => {
  it('the text twin refuses someone who is neither owner nor approver', async () => {
    await bed.run('contract add Payroll vendor:Paycorp end:2027-01-31');
    const refused = await bed.run('contract decide Payroll terminate', 'stranger');
    expect(refused.text).toContain('Only the owner');
    expect(refused.effects ?? []).toEqual([]);
    expect(await bed.db.decision.count()).toBe(0);
    expect((await bed.run('contract decide Payroll explode')).text).toContain('renew, renegotiate, terminate');
  });

  it('below the threshold the owner decides alone; with no reminder posted there is nothing to update', async () => {
    await bed.run('contract add Payroll vendor:Paycorp end:2027-01-31 notice:30d renewal:manual term:24m');
    const renewed = await bed.run('contract decide Payroll renew');
    expect(renewed.text).toContain('now runs to 2029-01-31');
    expect(renewed.effects ?? []).toEqual([]);
    expect(await bed.db.decision.findFirstOrThrow()).toMatchObject({ status: 'final', choice: 'renew', proposedBy: 'UOWNER' });
  });
});
