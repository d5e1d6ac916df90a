import type { Block, Button, Message } from '../../messages/model.js';
import { toCardMarkdown, toPlain, unbreakableUnits, type Mention, type Names } from './markup.js';

/** An Adaptive Card as JSON (schema 1.5, as Teams renders it). */
export type AdaptiveCard = Record<string, unknown> & { type: 'AdaptiveCard'; body: CardElement[] };
export type CardElement = Record<string, unknown>;

export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
const MAX_TEXT = 2000;
const MAX_ELEMENTS = 80;

const cut = (text: string, max = MAX_TEXT) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** What a button click carries back: `verb` is the action id, `data.value` the button's payload. */
export function executeAction(button: Button): CardElement {
  return {
    type: 'Action.Execute',
    title: button.label,
    verb: button.action,
    data: { value: button.value },
    ...(button.style === 'primary' && { style: 'positive' }),
    ...(button.style === 'danger' && { style: 'destructive' }),
  };
}

/** Lines of text as TextBlocks (one per line renders the same on every Teams client); ``` fences monospace. */
function textBlocks(text: string, names: Names, mentions: Mention[], style: CardElement = {}): CardElement[] {
  const out: CardElement[] = [];
  text.split(/```/).forEach((segment, i) => {
    const code = i % 2 === 1;
    for (const line of segment.split('\n')) {
      if (!line.trim()) continue;
      out.push({
        type: 'TextBlock',
        // A fenced block is a letter to copy (a claim, a note to the vendor): its amounts keep their units too.
        text: cut(code ? unbreakableUnits(toPlain(line, names)) : toCardMarkdown(line, names, mentions)),
        wrap: true,
        ...(out.length > 0 && { spacing: 'None' }),
        ...(code && { fontType: 'Monospace' }),
        ...style,
      });
    }
  });
  return out;
}

function renderBlock(block: Block, names: Names, mentions: Mention[]): CardElement[] {
  switch (block.type) {
    case 'header':
      return [{ type: 'TextBlock', text: cut(toPlain(block.text, names), 200), size: 'Large', weight: 'Bolder', wrap: true }];
    case 'section':
      return [{ type: 'Container', spacing: 'Medium', items: textBlocks(block.text, names, mentions) }];
    case 'fields':
      // A fact value does not break lines in every Teams client: each further line is a fact of its own, untitled.
      return [
        {
          type: 'FactSet',
          facts: block.fields.slice(0, 20).flatMap((f) =>
            f.value
              .split('\n')
              .filter((line, i) => i === 0 || line.trim())
              .map((line, i) => ({ title: i === 0 ? cut(f.label, 100) : '', value: cut(toCardMarkdown(line, names, mentions), 500) })),
          ),
        },
      ];
    case 'context':
      return [{ type: 'Container', spacing: 'Small', items: textBlocks(block.text, names, mentions, { size: 'Small', isSubtle: true }) }];
    case 'actions':
      return [{ type: 'ActionSet', actions: block.buttons.slice(0, 6).map(executeAction) }];
  }
}

/** The message model as an Adaptive Card; mentions become `<at>` entities Teams resolves to people. */
export function toAdaptiveCard(message: Message, names: Names): AdaptiveCard {
  const mentions: Mention[] = [];
  const body = message.blocks.flatMap((b) => renderBlock(b, names, mentions)).slice(0, MAX_ELEMENTS);
  if (body.length === 0) body.push(...textBlocks(message.text, names, mentions));
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    fallbackText: cut(toPlain(message.text, names), 1000),
    body,
    msteams: { width: 'Full', ...(mentions.length > 0 && { entities: mentions }) },
  };
}

/**
 * The clicked card as the clicker sees it in the click's answer, with what the click did for them
 * (their vote, what was recorded) under it: Teams answers a click with a card or a message, not both,
 * and the card others see (updated through the connector) carries no such note.
 */
export function withClickerNote(card: AdaptiveCard, note: Message, names: Names): AdaptiveCard {
  // Its fallback: the one sentence that says it (a long answer's blocks are for when it stands alone).
  const text = toPlain(note.text, names);
  if (!text.trim()) return card;
  const items = textBlocks(text, names, [], { size: 'Small' });
  return { ...card, body: [...card.body, { type: 'Container', style: 'emphasis', spacing: 'Medium', items }] };
}

/** The summary Teams shows in notifications and the activity feed: the plain-text fallback. */
export function summaryOf(message: Message, names: Names): string {
  return cut(toPlain(message.text, names), 1000);
}

/** A whole message (header, sections, fields, context) as plain text, for answers shown as a toast. */
export function plainTextOf(message: Message, names: Names): string {
  const parts = message.blocks.flatMap((b) => {
    if (b.type === 'actions') return [];
    if (b.type === 'fields') return [b.fields.map((f) => `${f.label}: ${f.value}`).join(' · ')];
    return [b.text];
  });
  return cut(toPlain(parts.length > 0 ? parts.join('\n') : message.text, names), 3000);
}

/** The activity to send: the card as its only attachment, the fallback as its summary. */
export function cardActivity(card: AdaptiveCard, summary: string): { type: 'message'; summary: string; attachments: { contentType: string; content: AdaptiveCard }[] } {
  return { type: 'message', summary, attachments: [{ contentType: CARD_CONTENT_TYPE, content: card }] };
}

export function messageActivity(message: Message, names: Names) {
  return cardActivity(toAdaptiveCard(message, names), summaryOf(message, names));
}
