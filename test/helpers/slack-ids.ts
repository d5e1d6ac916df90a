/** The Slack ids of the tests' users and channels by key: `alice` is UALICE, `net` is CNET. */
export const slackUser = (key: string): string => `U${key.toUpperCase()}`;
export const slackChannel = (key: string): string => `C${key.toUpperCase()}`;

/** `{@alice}` → `<@UALICE>`, `{#net}` → `<#CNET|net>`: mentions as Slack sends them in a command's text. */
export function slackMentions(text: string): string {
  return text.replace(/\{@([\w-]+)\}/g, (_m, key: string) => `<@${slackUser(key)}>`).replace(/\{#([\w-]+)\}/g, (_m, key: string) => `<#${slackChannel(key)}|${key}>`);
}
