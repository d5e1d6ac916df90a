import ICAL from 'ical.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestBot, textOf, type TestBot } from '../helpers/bot-harness.js';
import { inChannel, TeamsDriver } from '../helpers/teams-driver.js';

let t: TestBot;
beforeAll(async () => {
  t = await startTestBot({ now: '2026-11-23T10:00:00Z', teams: 'unauthenticated' });
});
afterAll(async () => {
  await t.stop();
});
beforeEach(() => t.slackApi.reset());

async function slack(text: string, user = 'UOWNER', command = '/renewals'): Promise<string> {
  t.slackApi.reset();
  expect((await t.slack.command(command, text, user)).status).toBe(200);
  const [reply] = await t.slackApi.waitFor('response_url');
  return textOf(reply!.body);
}

const FEED_URL = /(https?:\/\/[^\s`"\\]+\/calendar\/([A-Za-z0-9_-]{43})\.ics)/;

async function feedUrl(text: string): Promise<{ url: string; path: string }> {
  const match = FEED_URL.exec(text);
  if (!match) throw new Error(`no feed URL in ${text}`);
  return { url: match[1]!, path: new URL(match[1]!).pathname };
}

const get = (path: string) => fetch(`${t.baseUrl}${path}`);

interface ParsedEvent {
  uid: string;
  summary: string;
  description: string;
  start: string;
  isDate: boolean;
  alarms: { action: string; trigger: string }[];
}

function parseFeed(text: string): ParsedEvent[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
  expect(String(calendar.getFirstPropertyValue('prodid'))).toContain('Renewal Desk');
  return calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      start: event.startDate.toString(),
      isDate: event.startDate.isDate,
      alarms: vevent.getAllSubcomponents('valarm').map((a) => ({ action: String(a.getFirstPropertyValue('action')), trigger: String(a.getFirstPropertyValue('trigger')) })),
    };
  });
}

describe('the calendar feed, from /renewals settings calendar', () => {
  let path = '';

  it('shows a private URL on this server (http://localhost:<port> without PUBLIC_URL) with a random URL-safe token', async () => {
    await slack('add "Globex Support" vendor:Globex end:2027-01-31 notice:30d value:12000', 'UOWNER', '/contract');
    await slack('add "Acme; Backup, Ltd" vendor:Acme end:2027-06-30 notice:60d value:1500 per:month', 'UOWNER', '/contract');
    await slack('add "Initech Print" vendor:Initech end:2027-03-31 renewal:manual', 'UOWNER', '/contract');
    await slack('add "Decided One" vendor:Hooli end:2027-09-30 notice:90d', 'UOWNER', '/contract');
    await slack('decide "Decided One" renew', 'UOWNER', '/contract');
    const reply = await slack('settings calendar');
    const feed = await feedUrl(reply);
    expect(feed.url.startsWith(`http://localhost:${t.bot.port}/calendar/`)).toBe(true);
    expect(reply).toContain('keep it private');
    expect(reply).toContain('calendar:rotate');
    path = feed.path;
    // Asked again: the same link.
    expect((await feedUrl(await slack('settings calendar'))).path).toBe(path);
  });

  it('serves RFC 5545: an all-day event per notice deadline and per end, stable UIDs, a 7-day alarm on deadlines, CRLF, folded lines, UTC stamps', async () => {
    const res = await get(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
    const text = await res.text();
    const physical = text.split('\r\n');
    expect(physical.at(-1)).toBe('');
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of physical) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(text).toMatch(/\r\nDTSTAMP:\d{8}T\d{6}Z\r\n/);

    const events = parseFeed(text);
    const byTitle = new Map(events.map((e) => [e.summary, e]));
    expect([...byTitle.keys()].sort()).toEqual([
      'Contract ends: Acme; Backup, Ltd (Acme)',
      'Contract ends: Decided One (Hooli)',
      'Contract ends: Globex Support (Globex)',
      'Contract ends: Initech Print (Initech)', // no notice period: the end is the one date
      'Notice deadline: Acme; Backup, Ltd (Acme)',
      'Notice deadline: Decided One (Hooli)',
      'Notice deadline: Globex Support (Globex)',
    ]);
    expect(events.every((e) => e.isDate)).toBe(true);
    expect(byTitle.get('Notice deadline: Globex Support (Globex)')!.start).toBe('2027-01-01');
    expect(byTitle.get('Contract ends: Globex Support (Globex)')!.start).toBe('2027-01-31');
    expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);

    const deadline = byTitle.get('Notice deadline: Globex Support (Globex)')!;
    expect(deadline.alarms).toEqual([{ action: 'DISPLAY', trigger: '-P7D' }]);
    expect(byTitle.get('Contract ends: Globex Support (Globex)')!.alarms).toEqual([]);
    expect(deadline.description).toContain('Vendor: Globex');
    expect(deadline.description).toContain('Value: 12,000 USD per year');
    expect(deadline.description).toMatch(/Owner: \S+/);
    expect(deadline.description).toContain('If nothing is done: it auto-renews on 2027-01-31 for 12 months unless notice is given.');
    expect(byTitle.get('Notice deadline: Acme; Backup, Ltd (Acme)')!.description).toContain('1,500 USD per month (18,000 USD per year)');
    expect(byTitle.get('Contract ends: Initech Print (Initech)')!.description).toContain('If nothing is done: it expires on 2027-03-31 unless renewed.');
    const decided = byTitle.get('Notice deadline: Decided One (Hooli)')!.description;
    expect(decided).toContain('Decided: Renew.');
    expect(decided).not.toContain('If nothing is done');

    // Fetched again: the same events under the same UIDs.
    const again = parseFeed(await (await get(path)).text());
    expect(again.map((e) => `${e.uid} ${e.summary}`).sort()).toEqual(events.map((e) => `${e.uid} ${e.summary}`).sort());
  });

  it('calendar:rotate replaces the token: the old URL answers 404, like any unknown one', async () => {
    const rotated = await slack('settings calendar:rotate');
    expect(rotated).toContain('old link no longer works');
    const fresh = await feedUrl(rotated);
    expect(fresh.path).not.toBe(path);
    expect((await get(fresh.path)).status).toBe(200);
    const answers = await Promise.all([path, '/calendar/x.ics', `/calendar/${'A'.repeat(43)}.ics`, fresh.path.replace(/\.ics$/, ''), `${fresh.path}x`].map(async (p) => {
      const res = await get(p);
      return `${res.status} ${res.headers.get('content-type')} ${await res.text()}`;
    }));
    expect(new Set(answers)).toEqual(new Set(['404 text/plain; charset=utf-8 Not found']));
    path = fresh.path;
  });

  it('once approvers are set, only approvers see or rotate it (the one authorisation rule); bad options are explained', async () => {
    expect(await slack('settings approvers:<@UBOSS>,<@UOWNER>')).toContain('Settings saved');
    expect(await slack('settings calendar', 'USTRANGER')).toContain('Only an approver');
    expect(await slack('settings calendar:rotate', 'USTRANGER')).toContain('Only an approver');
    expect((await get(path)).status).toBe(200);
    expect(await slack('settings calendar', 'UBOSS')).toContain(path);
    expect(await slack('settings calendar:now')).toContain('calendar:rotate');
    expect(await slack('settings calendar tz:UTC')).toContain('stands alone');
    expect(await slack('settings help')).toContain('/renewals settings calendar');
  });

  it('works from Teams too: each workspace has its own feed', async () => {
    const teams = new TeamsDriver(t);
    const reply = await teams.run('renewals settings calendar', 'owner', inChannel('renew'));
    const feed = await feedUrl(reply.text);
    expect(feed.path).not.toBe(path);
    const res = await get(feed.path);
    expect(res.status).toBe(200);
    expect(parseFeed(await res.text())).toEqual([]);
  });
});

describe('PUBLIC_URL', () => {
  it('is where the feed URL points', async () => {
    const other = await startTestBot({ now: '2026-11-23T10:00:00Z', env: { PUBLIC_URL: 'https://renewals.example.com/' } });
    try {
      expect((await other.slack.command('/renewals', 'settings calendar')).status).toBe(200);
      const [reply] = await other.slackApi.waitFor('response_url');
      expect(textOf(reply!.body)).toMatch(/https:\/\/renewals\.example\.com\/calendar\/[A-Za-z0-9_-]{43}\.ics/);
    } finally {
      await other.stop();
    }
  });
});
