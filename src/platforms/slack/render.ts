import type { Block, Message } from '../../messages/model.js';

/** Slack's Block Kit limits: trim rather than have a post rejected. */
const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export const ACTION_PREFIX = 'rd:';

type SlackBlock = Record<string, unknown>;

function renderBlock(block: Block): SlackBlock {
  switch (block.type) {
    case 'header':
      return { type: 'header', text: { type: 'plain_text', text: cut(block.text, 150), emoji: true } };
    case 'section':
      return { type: 'section', text: { type: 'mrkdwn', text: cut(block.text, 3000) } };
    case 'fields':
      return { type: 'section', fields: block.fields.slice(0, 10).map((f) => ({ type: 'mrkdwn', text: cut(`*${f.label}*\n${f.value}`, 2000) })) };
    case 'context':
      return { type: 'context', elements: [{ type: 'mrkdwn', text: cut(block.text, 3000) }] };
    case 'actions':
      return {
        type: 'actions',
        elements: block.buttons.map((b) => ({
          type: 'button',
          action_id: `${ACTION_PREFIX}${b.action}`,
          text: { type: 'plain_text', text: b.label, emoji: true },
          value: b.value,
          ...(b.style && { style: b.style }),
        })),
      };
  }
}

export function toBlockKit(message: Message): { text: string; blocks: SlackBlock[] } {
  return { text: cut(message.text, 3900), blocks: message.blocks.slice(0, 50).map(renderBlock) };
}
