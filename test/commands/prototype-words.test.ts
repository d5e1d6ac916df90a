import { beforeEach, describe, expect, it } from 'vitest';
import { runCommand, type CommandName } from '../../src/commands/router.js';
import type { CommandContext } from '../../src/commands/context.js';
import { handlerBed } from '../helpers/handler-bed.js';

/**
 * Words that are properties of every plain object. Typed as a command word, a subcommand, an option
 * key or an option value, each must get the same private usage error as any unknown word.
 */
const WORDS = [...new Set([...Object.getOwnPropertyNames(Object.prototype), '__proto__', 'prototype'])];

/** Where a typed word selects something: `W` is replaced by each word. */
const PLACES: [CommandName, string][] = [
  // command words
  ['contract', 'W'], ['issue', 'W'], ['renewals', 'W'], ['sla', 'W'], ['contract', 'W help'], ['issue', 'W I-1'],
  // subcommands, verbs, priorities, choices
  ['contract', 'contact Globex W @x'], ['contract', 'decide Globex W'], ['contract', 'show W'],
  ['issue', 'log Globex W summary'], ['issue', 'respond W'], ['issue', 'list Globex W'], ['renewals', 'settings W'], ['sla', 'set Globex W response:1h'],
  // option keys
  ['contract', 'edit Globex W:1'], ['contract', 'contact Globex add <@U0ALICE> W:1'],
  ['issue', 'respond I-1 W:1'], ['issue', 'outage Globex start:2026-11-20T08:00 end:2026-11-20T09:00 W:1'],
  ['renewals', 'W:1'], ['renewals', 'settings W:1'], ['sla', 'Globex W:1'], ['sla', 'set Globex W:1'],
  // option values that select a choice
  ['contract', 'add New vendor:V end:2027-06-30 renewal:W'], ['contract', 'add New vendor:V end:2027-06-30 per:W'], ['contract', 'edit Globex tier:W'],
  ['contract', 'contact Globex add <@U0ALICE> role:W'], ['renewals', 'within:W'], ['renewals', 'settings tz:W'], ['sla', 'Globex period:W'], ['sla', 'set Globex hours:W'],
];

/**
 * Where a word that is not a `key:value` option (`__proto__:1`, whose key starts with `_`) is read as
 * part of the free text (a new contract's name, an issue summary) and rightly stored: there only
 * words the tokenizer reads as option keys are tried.
 */
const KEY_ONLY: [CommandName, string][] = [['contract', 'add New vendor:V end:2027-06-30 W:1'], ['issue', 'log Globex p2 Down W:1']];
const isOptionKey = (word: string) => /^[a-z][a-z0-9-]*$/i.test(word);

// The handlers alone, on a real database: no bot is needed to read what a typed word does.
const bed = handlerBed({ now: '2026-11-23T10:00:00Z' });
let ctx: CommandContext;

async function stored(): Promise<string> {
  const db = bed.db;
  const [contracts, issues, outages, contacts, targets, policies, audits, reminders, workspaces] = await Promise.all([
    db.contract.findMany({ orderBy: { id: 'asc' } }), db.vendorIssue.count(), db.outage.count(), db.contact.count(), db.slaTarget.count(),
    db.slaPolicy.count(), db.auditEvent.count(), db.reminder.count(), db.workspace.findMany(),
  ]);
  return JSON.stringify({ contracts, issues, outages, contacts, targets, policies, audits, reminders, workspaces });
}

beforeEach(async () => {
  ctx = await bed.context('0owner', '0renew');
  const added = await runCommand('contract', 'add Globex vendor:Globex end:2027-06-30 notice:30d', ctx);
  expect(added.reply.text).toContain('Added');
  expect((await runCommand('issue', 'log Globex p2 VPN down', ctx)).reply.text).toContain('I-1');
});

describe('words that are properties of Object.prototype', () => {
  it(`get a private usage error with an example, and change nothing (${WORDS.length} words × ${PLACES.length + KEY_ONLY.length} places)`, async () => {
    const before = await stored();
    const wrong: string[] = [];
    for (const word of WORDS) {
      for (const [command, template] of [...PLACES, ...(isOptionKey(word) ? KEY_ONLY : [])]) {
        const text = template.replace('W', word);
        const { reply } = await runCommand(command, text, ctx);
        const shown = String(reply?.text);
        if (!shown.startsWith('⚠') || !/Example/.test(shown)) wrong.push(`/${command} ${text} → ${shown.slice(0, 120)}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await stored()).toBe(before);
    expect(bed.logs.filter((l) => l.includes('unexpected error'))).toEqual([]);
  });
});
