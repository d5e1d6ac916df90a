import { describe, expect, it } from 'vitest';
import { handlerBed } from '../helpers/handler-bed.js';

// The lists an organisation with many contracts reads: a page of 50 at a time, in order across the
// pages, with totals the store keeps as contracts come and go rather than counts of every contract.
const bed = handlerBed({ now: '2026-11-23T10:00:00Z' });

/** 60 contracts ending one day apart from 2027-01-01, all 30 days' notice: Contract 00 has the soonest deadline. */
async function addSixty(): Promise<void> {
  for (let i = 0; i < 60; i += 1) {
    const end = new Date(Date.UTC(2027, 0, 1 + i)).toISOString().slice(0, 10);
    await bed.run(`contract add "Contract ${String(i).padStart(2, '0')}" vendor:V end:${end} notice:30d`);
  }
}

/** The contracts a reply lists, in order (its blocks; the fallback text names the first one again). */
const namesIn = (reply: { reply: { blocks: unknown[] } }) => [...JSON.stringify(reply.reply.blocks).matchAll(/\*Contract (\d\d)\*/g)].map((m) => Number(m[1]));

describe('/contract list', () => {
  it('shows 50 contracts, soonest deadline first, the total, and how to see the rest; page:2 shows the rest', async () => {
    await addSixty();
    const first = await bed.run('contract list');
    expect(first.text).toContain('Contracts (60)');
    expect(namesIn(first)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(first.text).toContain('Contracts 1–50 of 60 · next: `/contract list page:2`');
    expect(first.reply.text).toBe('60 contract(s); next deadline: Contract 00 on 2026-12-02.');

    const second = await bed.run('contract list page:2');
    expect(namesIn(second)).toEqual(Array.from({ length: 10 }, (_, i) => 50 + i));
    expect(second.text).toContain('Contracts 51–60 of 60');
    expect(second.text).not.toContain('next:');
    expect((await bed.run('contract list page:3')).text).toContain('Page 3 is past the end: there are 60 contracts.');
    expect((await bed.run('contract list page:0')).text).toContain('must be a page number such as 2');
  });

  it('keeps its total as contracts are added, archived and imported, without counting them', async () => {
    await bed.run('contract add "Alpha" vendor:A end:2027-03-31');
    await bed.run('contract add "Beta" vendor:B end:2027-04-30');
    expect((await bed.run('contract list')).text).toContain('Contracts (2)');
    const asked = await bed.run('contract archive "Alpha"');
    const confirm = asked.reply.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : [])).find((b) => b.action === 'archive.confirm');
    expect((await bed.click('archive.confirm', confirm!.value)).text).toContain('Archived Alpha');
    const list = await bed.run('contract list');
    expect(list.text).toContain('Contracts (1)');
    expect(list.text).not.toContain('Alpha');
    expect(await bed.db.workspace.findFirstOrThrow({ select: { activeContracts: true } })).toEqual({ activeContracts: 1 });
  });

  it('an edit of the end or the notice period moves the deadline the list is ordered by', async () => {
    await bed.run('contract add "Early" vendor:E end:2027-01-31 notice:30d');
    await bed.run('contract add "Late" vendor:L end:2027-03-31 notice:30d');
    const before = (await bed.run('contract list')).text;
    expect(before.indexOf('Early')).toBeLessThan(before.indexOf('Late'));
    await bed.run('contract edit "Late" notice:90d'); // deadline 2026-12-31: now the sooner one
    const reordered = (await bed.run('contract list')).text;
    expect(reordered.indexOf('Late')).toBeLessThan(reordered.indexOf('Early'));
    expect(await bed.db.contract.findFirstOrThrow({ where: { name: 'Late' }, select: { deadline: true } })).toEqual({ deadline: '2026-12-31' });
  });
});

describe('/renewals', () => {
  it('pages its dates 50 at a time in date order, with the count of dates in the window', async () => {
    await addSixty();
    await bed.run('contract add "No Notice" vendor:N end:2027-01-15'); // one date: its end
    const all = await bed.run('renewals within:6m');
    // 60 deadlines (2026-12-02…2027-01-30), 60 ends (2027-01-01…2027-03-01), and the one end without notice.
    expect(all.reply.text).toBe('Renewals from 2026-11-23 to 2027-05-23: 121 date(s); first 2026-12-02.');
    expect(all.text).toContain('Dates 1–50 of 121 · next: `/renewals within:6m page:2`');
    const days = (text: string) => [...text.matchAll(/• (\d{4}-\d\d-\d\d) \(/g)].map((m) => m[1]!);
    const pages = [all, await bed.run('renewals within:6m page:2'), await bed.run('renewals within:6m page:3')].map((p) => days(p.text));
    expect(pages.map((p) => p.length)).toEqual([50, 50, 21]);
    const every = pages.flat();
    expect(every).toEqual([...every].sort());
    // On 2027-01-15: the two ends (by name), then the deadline of the contract ending 2027-02-14.
    const onThatDay = [all, await bed.run('renewals within:6m page:2')].flatMap((p) => p.text.split('\\n').filter((line) => line.includes('2027-01-15 (')));
    expect(onThatDay.map((line) => /\*([^*]+)\*/.exec(line)?.[1])).toEqual(['Contract 14', 'No Notice', 'Contract 44']);
  });
});
