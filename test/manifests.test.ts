import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from '../src/commands/router.js';

describe('the Slack app manifest', () => {
  const manifest = readFileSync('manifests/slack/manifest.yaml', 'utf8');

  it('declares every command the bot handles, each with should_escape so mentions arrive escaped', () => {
    for (const name of COMMAND_NAMES) {
      expect(manifest).toMatch(new RegExp(`- command: /${name}\\n(?:\\s+\\w+: .*\\n)*?\\s+should_escape: true`));
    }
    expect(manifest.match(/- command: /g)).toHaveLength(COMMAND_NAMES.length);
  });

  it('asks for the scopes the bot uses and turns interactivity on at /slack/events', () => {
    for (const scope of ['commands', 'chat:write', 'chat:write.public', 'users:read']) expect(manifest).toContain(`- ${scope}\n`);
    expect(manifest).toMatch(/interactivity:\n\s+is_enabled: true\n\s+request_url: https:\/\/[^\n]+\/slack\/events/);
  });
});
