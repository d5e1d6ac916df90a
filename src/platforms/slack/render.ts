import type { Block, Message } from '../../messages/model.js';

/** Slack's Block Kit limits: trim rather than have a post rejected. */
const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export const ACTION_PREFIX = 'rd:';

const MAX_BLOCKS = 50;
const MAX_SECTION = 3000;
const FENCE = '```';

type SlackBlock = Record<string, unknown>;

const opensFence = (text: string) => (text.split(FENCE).length - 1) % 2 === 1;

/**
 * A section's text in pieces of at most `max` characters, split between lines: a long claim text or
 * list is shown whole over several sections instead of cut off. A code block split in two is closed
 * at the end of one piece and opened again at the start of the next; only a single line longer than
 * a section is cut.
 */
export function sectionPieces(text: string, max = MAX_SECTION): string[] {
  if (text.length <= max) return [text];
  const pieces: string[] = [];
  let piece = '';
  for (const line of text.split('\n')) {
    const joined = piece ? `${piece}\n${line}` : line;
    if (joined.length + FENCE.length <= max) {
      piece = joined;
      continue;
    }
    if (piece) {
      const open = opensFence(piece);
      pieces.push(open ? `${piece}${FENCE}` : piece);
      piece = open ? `${FENCE}${line}` : line;
    } else {
      piece = line;
    }
    if (piece.length + FENCE.length > max) {
      const kept = cut(piece, max - FENCE.length);
      pieces.push(opensFence(kept) ? `${kept}${FENCE}` : kept);
      piece = opensFence(piece) ? FENCE : '';
    }
  }
  if (piece && piece !== FENCE) pieces.push(piece);
  return pieces;
}

function renderBlock(block: Block): SlackBlock[] {
  switch (block.type) {
    case 'header':
      return [{ type: 'header', text: { type: 'plain_text', text: cut(block.text, 150), emoji: true } }];
    case 'section':
      return sectionPieces(block.text).map((text) => ({ type: 'section', text: { type: 'mrkdwn', text } }));
    case 'fields':
      return [{ type: 'section', fields: block.fields.slice(0, 10).map((f) => ({ type: 'mrkdwn', text: cut(`*${f.label}*\n${f.value}`, 2000) })) }];
    case 'context':
      return [{ type: 'context', elements: [{ type: 'mrkdwn', text: cut(block.text, MAX_SECTION) }] }];
    case 'actions':
      return [{
        type: 'actions',
        elements: block.buttons.map((b) => ({
          type: 'button',
          action_id: `${ACTION_PREFIX}${b.action}`,
          text: { type: 'plain_text', text: cut(b.label, 75), emoji: true },
          value: b.value,
          ...(b.style && { style: b.style }),
        })),
      }];
  }
}

/** At most 50 blocks; past that the buttons are kept (they are what the message is for) and the rest is said to be left out. */
function withinBlockLimit(blocks: SlackBlock[]): SlackBlock[] {
  if (blocks.length <= MAX_BLOCKS) return blocks;
  const buttons = blocks.filter((b) => b['type'] === 'actions');
  const shown = blocks.filter((b) => b['type'] !== 'actions').slice(0, MAX_BLOCKS - buttons.length - 1);
  const left = blocks.length - buttons.length - shown.length;
  return [...shown, { type: 'context', elements: [{ type: 'mrkdwn', text: `(${left} more part${left === 1 ? '' : 's'} of this message left out: Slack shows at most ${MAX_BLOCKS})` }] }, ...buttons];
}

export function toBlockKit(message: Message): { text: string; blocks: SlackBlock[] } {
  return { text: cut(message.text, 3900), blocks: withinBlockLimit(message.blocks.flatMap(renderBlock)) };
}
