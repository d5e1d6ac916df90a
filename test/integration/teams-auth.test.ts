import { createSign, generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/bot-harness.js';
import { inChannel } from '../helpers/teams-driver.js';

const APP_ID = '00000000-0000-4000-8000-00000000a11d';

let t: TestBot;
afterEach(async () => {
  await t.stop();
});

/** A JWT signed with a key of our own: right shape, wrong signer. */
function forgedToken(issuer: string): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const head = b64({ alg: 'RS256', typ: 'JWT', kid: 'forged-key' });
  const body = b64({ iss: issuer, aud: APP_ID, nbf: now - 60, exp: now + 600, serviceurl: 'http://127.0.0.1:9/' });
  const signature = createSign('RSA-SHA256').update(`${head}.${body}`).sign(privateKey).toString('base64url');
  return `${head}.${body}.${signature}`;
}

async function nothingHappened(): Promise<void> {
  expect(await t.bot.db.contract.count()).toBe(0);
  expect(await t.bot.db.conversationRef.count()).toBe(0);
  expect(t.teamsApi.calls).toHaveLength(0);
}

const add = () => t.teams.messageActivity('contract add Forged vendor:X end:2027-01-31', 'owner', inChannel('renew'));

describe('Teams authentication', () => {
  it('without an app id and without TEAMS_UNAUTHENTICATED, /api/messages refuses everything with 401', async () => {
    t = await startTestBot();
    const res = await t.teams.post(add());
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: string }).error).toContain('MICROSOFT_APP_ID');
    await nothingHappened();
    expect(await (await fetch(`${t.baseUrl}/healthz`)).json()).toMatchObject({ ok: true, teams: 'off' });
  });

  it('with an app id, a missing, malformed or forged token gets 401 and changes nothing', async () => {
    t = await startTestBot({ env: { MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'not-a-real-secret', TEAMS_UNAUTHENTICATED: '1' } });
    expect((await t.teams.post(add())).status).toBe(401);
    expect((await t.teams.post(add(), { authorization: 'Bearer not.a.token' })).status).toBe(401);
    expect((await t.teams.post(add(), { authorization: `Bearer ${forgedToken('https://issuer.example')}` })).status).toBe(401);
    await nothingHappened();
    expect(t.logs).toContain('TEAMS_UNAUTHENTICATED is ignored: MICROSOFT_APP_ID is set, so Teams requests are authenticated.');
    expect(await (await fetch(`${t.baseUrl}/healthz`)).json()).toMatchObject({ teams: 'authenticated' });
  });

  it('TEAMS_UNAUTHENTICATED=1 without an app id accepts activities and says so loudly at start', async () => {
    t = await startTestBot({ teams: 'unauthenticated' });
    expect(t.logs.filter((l) => l.startsWith('!!!')).join(' ')).toContain('WITHOUT authentication');
    expect((await t.teams.post(add())).status).toBe(200);
    expect(await t.bot.db.contract.count()).toBe(1);
    // No Authorization header on the way out either (there are no credentials to send).
    expect(t.teamsApi.calls.every((c) => c.headers['authorization'] === undefined)).toBe(true);
    expect(await (await fetch(`${t.baseUrl}/healthz`)).json()).toMatchObject({ teams: 'unauthenticated' });
  });
});
