import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDatabase } from '../helpers/database.js';
import { ConsoleClient, startConsoleBot, type ConsoleBot } from '../helpers/console-bot.js';
import { SIGNING_SECRET } from '../helpers/bot-harness.js';
import { SlackClient } from '../helpers/slack-signer.js';
import { SlackDouble } from '../helpers/slack-double.js';

const TOKEN = 'a-console-token-for-tests-0123456789';
const PAGES = ['/', '/renewals', '/contracts/00000000-0000-0000-0000-000000000000'];

/** A raw request (fetch would not send this Host header). */
function rawGet(port: number, path: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

const entries = (bot: ConsoleBot) => withDatabase(bot.databaseUrl, (db) => db.consoleEntry.count());

describe('sandbox (no chat credentials)', () => {
  let t: ConsoleBot;
  beforeAll(async () => {
    t = await startConsoleBot();
  });
  afterAll(async () => {
    await t.stop();
  });

  it('listens on the loopback interface only', () => {
    expect(t.bot.host).toBe('127.0.0.1');
    expect(t.bot.console.mode).toBe('sandbox');
    expect(t.bot.console.url).toBe(`http://localhost:${t.bot.port}/`);
  });

  it('needs no token, and sets the security headers and a strict session cookie', async () => {
    const browser = new ConsoleClient(t.baseUrl);
    const page = await browser.get('/');
    expect(page.status).toBe(200);
    const h = page.res.headers;
    const csp = h.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(h.get('x-frame-options')).toBe('DENY');
    expect(h.get('x-content-type-options')).toBe('nosniff');
    expect(h.get('referrer-policy')).toBe('same-origin');
    const cookie = page.res.headers.getSetCookie().find((c) => c.startsWith('rd_console='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(page.text).not.toMatch(/<script|\sstyle=|\son[a-z]+=/i);
    expect((await browser.get('/console/assets/console.css')).res.headers.get('content-type')).toMatch(/^text\/css/);
  });

  it('answers only to loopback host names (no DNS rebinding of the tokenless console)', async () => {
    expect(await rawGet(t.bot.port, '/', `localhost:${t.bot.port}`)).toBe(200);
    expect(await rawGet(t.bot.port, '/', `127.0.0.1:${t.bot.port}`)).toBe(200);
    expect(await rawGet(t.bot.port, '/', 'attacker.example')).toBe(403);
    expect(await rawGet(t.bot.port, '/renewals', `rebind.attacker.example:${t.bot.port}`)).toBe(403);
  });

  it('refuses a cross-site form post (another Origin, another site, no token, no Origin at all) and changes nothing', async () => {
    const browser = new ConsoleClient(t.baseUrl);
    await browser.get('/');
    const before = await entries(t);
    const refused = [
      await browser.post('/console/command', { text: '/contract list' }, { origin: 'http://evil.example' }),
      await browser.post('/console/command', { text: '/contract list' }, { origin: 'null' }),
      await browser.post('/console/command', { text: '/contract list' }, { 'sec-fetch-site': 'cross-site' }),
      await browser.post('/console/command', { text: '/contract list', _csrf: 'forged' }),
      await browser.post('/console/command', { text: '/contract list' }, { origin: '', referer: 'http://evil.example/page' }),
    ];
    expect(refused.map((r) => r.status)).toEqual([403, 403, 403, 403, 403]);
    const noOrigin = await fetch(`${t.baseUrl}/console/command`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: browser.cookie }, body: new URLSearchParams({ _csrf: browser.csrf, text: '/contract list' }).toString(), redirect: 'manual' });
    expect(noOrigin.status).toBe(403);
    expect(await entries(t)).toBe(before);
    // Another browser's token is no good either: it is bound to that session.
    const other = new ConsoleClient(t.baseUrl);
    await other.get('/');
    other.csrf = browser.csrf;
    expect((await other.post('/console/command', { text: '/contract list' })).status).toBe(403);

    const ok = await browser.post('/console/command', { text: '/contract list' });
    expect(ok.status).toBe(303);
    expect(ok.location).toBe('/#latest');
    expect(await entries(t)).toBe(before + 2);
  });
});

describe('nothing typed or posted crashes it', () => {
  let t: ConsoleBot;
  beforeAll(async () => {
    t = await startConsoleBot();
  });
  afterAll(async () => {
    await t.stop();
  });

  it('answers oversized or malformed posts in its own words, and explains a command that is too long', async () => {
    const browser = new ConsoleClient(t.baseUrl);
    await browser.get('/');
    const many = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`f${i}`, 'x']));
    const tooMany = await browser.post('/console/form', { entry: '1', ...many });
    expect([tooMany.status, tooMany.text]).toEqual([413, 'Bad request: nothing was changed.']);
    const huge = await browser.post('/console/command', { text: 'x'.repeat(100_000) });
    expect([huge.status, huge.text]).toEqual([413, 'Bad request: nothing was changed.']);
    const clicks: Record<string, string>[] = [{ entry: 'abc' }, { entry: '999999', action: 'decide.renew', value: '{}' }, { entry: '1', action: 'constructor', value: 'x' }];
    for (const fields of clicks) {
      expect((await browser.post('/console/click', fields)).status).toBe(303);
    }
    expect((await browser.post('/console/scheduler', { at: 'next tuesday' })).status).toBe(303);
    expect((await browser.post('/console/command', { text: `/contract add ${'y'.repeat(5000)}` })).status).toBe(303);
    const page = await browser.get('/');
    expect(page.text).toContain('That command is 5004 characters long; the limit is 4000.');
    expect(page.text).toContain('is not a date and time. Example: <code>2026-12-02T09:00</code>');
    expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);
  });
});

describe('beside a chat platform', () => {
  let slackApi: SlackDouble;
  beforeAll(async () => {
    slackApi = await new SlackDouble().start();
  });
  afterAll(async () => {
    await slackApi.stop();
  });
  const slackEnv = () => ({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slackApi.apiUrl });

  it('without CONSOLE_TOKEN the console is off: 404 for every page and form, and the server listens as before', async () => {
    const t = await startConsoleBot({ env: slackEnv() });
    try {
      expect(t.bot.console.mode).toBe('off');
      expect(t.bot.host).not.toBe('127.0.0.1');
      for (const path of [...PAGES, '/console/sign-in', '/console/assets/console.css']) {
        const res = await fetch(`${t.baseUrl}${path}`);
        expect([path, res.status, await res.text()]).toEqual([path, 404, 'Not found']);
      }
      const post = await fetch(`${t.baseUrl}/console/command`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: 'text=x' });
      expect(post.status).toBe(404);
      expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);
    } finally {
      await t.stop();
    }
  });

  describe('with CONSOLE_TOKEN', () => {
    let t: ConsoleBot;
    beforeAll(async () => {
      t = await startConsoleBot({ env: { ...slackEnv(), CONSOLE_TOKEN: TOKEN } });
      // The Slack workspace comes to exist with its first command.
      const slack = new SlackClient({ baseUrl: t.baseUrl, secret: SIGNING_SECRET, responseUrl: (id) => slackApi.responseUrl(id) });
      expect((await slack.command('/contract', 'add "Globex Support" vendor:Globex end:2027-01-31 notice:30d')).status).toBe(200);
      await slackApi.waitFor('response_url');
      slackApi.reset();
    });
    afterAll(async () => {
      await t.stop();
    });

    it('every request needs the token: 401 with a sign-in form, 401 for a wrong token, in with the right one', async () => {
      expect(t.bot.console.mode).toBe('token');
      for (const path of PAGES) {
        const res = await fetch(`${t.baseUrl}${path}`);
        expect(res.status).toBe(401);
        expect(await res.text()).toContain('name="token"');
      }
      expect((await fetch(`${t.baseUrl}/`, { headers: { authorization: 'Bearer wrong-token-wrong-token' } })).status).toBe(401);
      expect((await fetch(`${t.baseUrl}/`, { headers: { authorization: `Basic ${TOKEN}` } })).status).toBe(401);
      const bearer = await fetch(`${t.baseUrl}/renewals`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(bearer.status).toBe(200);
      expect(await bearer.text()).toContain('Globex Support');

      const browser = new ConsoleClient(t.baseUrl);
      expect((await browser.get('/')).status).toBe(401);
      const wrong = await browser.post('/console/sign-in', { token: 'not-the-token-at-all', next: '/renewals' });
      expect(wrong.status).toBe(401);
      expect(wrong.text).toContain('That token is not right');
      expect((await browser.get('/')).status).toBe(401);
      const right = await browser.post('/console/sign-in', { token: TOKEN, next: '/renewals' });
      expect(right.status).toBe(303);
      expect(right.location).toBe('/renewals');
      const page = await browser.get('/renewals');
      expect(page.status).toBe(200);
      expect(page.text).toContain('Globex Support');
      // A cross-site sign-in is refused like any other form post.
      const elsewhere = new ConsoleClient(t.baseUrl);
      await elsewhere.get('/console/sign-in');
      expect((await elsewhere.post('/console/sign-in', { token: TOKEN }, { origin: 'http://evil.example' })).status).toBe(403);
      // After signing in, only a path of this site.
      const redirected = new ConsoleClient(t.baseUrl);
      await redirected.get('/console/sign-in');
      expect((await redirected.post('/console/sign-in', { token: TOKEN, next: '//evil.example/x' })).location).toBe('/');
    });

    it('shows the one chat workspace; without CONSOLE_USER it is read-only', async () => {
      const page = await fetch(`${t.baseUrl}/`, { headers: { authorization: `Bearer ${TOKEN}` } });
      const html = await page.text();
      expect(html).toContain('slack:T1');
      expect(html).toContain('read-only');
      expect(html).not.toContain('Run the scheduler');
      const post = await fetch(`${t.baseUrl}/console/command`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/x-www-form-urlencoded' }, body: 'text=%2Fcontract+list', redirect: 'manual' });
      expect(post.status).toBe(403);
    });
  });

  describe('with CONSOLE_WORKSPACE and CONSOLE_USER', () => {
    let t: ConsoleBot;
    const ids = new Map<string, string>();
    beforeAll(async () => {
      t = await startConsoleBot({ env: { ...slackEnv(), CONSOLE_TOKEN: TOKEN, CONSOLE_WORKSPACE: 'slack:T2', CONSOLE_USER: 'UOWNER' } });
      for (const team of ['T1', 'T2']) {
        const slack = new SlackClient({ baseUrl: t.baseUrl, secret: SIGNING_SECRET, responseUrl: (id) => slackApi.responseUrl(id), team });
        expect((await slack.command('/contract', `add "Contract of ${team}" vendor:Globex end:2027-01-31 notice:30d`)).status).toBe(200);
        // This command's own answer: an earlier block's answer may still arrive late (response ids restart at cmd-1 per client).
        await slackApi.waitFor((c) => c.method === 'response_url' && String(c.body['text']).includes(`Contract of ${team}`));
        slackApi.reset();
      }
      await withDatabase(t.databaseUrl, async (db) => {
        for (const c of await db.contract.findMany()) ids.set(c.workspaceId, c.id);
      });
    });
    afterAll(async () => {
      await t.stop();
    });

    it('shows only that workspace: another workspace\'s contract is not found', async () => {
      const bearer = { authorization: `Bearer ${TOKEN}` };
      const calendar = await (await fetch(`${t.baseUrl}/renewals`, { headers: bearer })).text();
      expect(calendar).toContain('Contract of T2');
      expect(calendar).not.toContain('Contract of T1');
      expect((await fetch(`${t.baseUrl}/contracts/${ids.get('slack:T2')}`, { headers: bearer })).status).toBe(200);
      expect((await fetch(`${t.baseUrl}/contracts/${ids.get('slack:T1')}`, { headers: bearer })).status).toBe(404);
    });

    it('acts as CONSOLE_USER through the command layer, and what it posts goes to the Slack channel', async () => {
      const browser = new ConsoleClient(t.baseUrl);
      await browser.get('/console/sign-in');
      await browser.post('/console/sign-in', { token: TOKEN });
      const page = await browser.get('/');
      expect(page.text).toContain('Acting as UOWNER');
      expect(page.text).not.toContain('Run the scheduler');
      expect((await browser.post('/console/command', { text: '/issue log "Contract of T2" p2 VPN drops' })).status).toBe(303);
      const [posted] = await slackApi.waitFor('chat.postMessage');
      expect(posted!.body['channel']).toBe('CRENEW');
      expect(String(posted!.body['text'])).toContain('I-1');
      const after = await browser.get('/');
      expect(after.text).toContain('I-1');
      expect((await browser.post('/console/scheduler', { at: '2026-12-30T09:00' })).status).toBe(303);
      expect(slackApi.callsTo('chat.postMessage')).toHaveLength(1);
    });
  });
});
