import { describe, expect, it } from 'vitest';
import { sectionPieces, toBlockKit } from '../../src/platforms/slack/render.js';
import type { Block } from '../../src/messages/model.js';

const lines = (n: number, width: number, prefix = '• ') => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(3, '0')} ${'x'.repeat(width)}`);

describe('a section longer than Slack takes', () => {
  it('is split between lines into sections of at most 3000 characters, nothing lost', () => {
    const text = lines(60, 95).join('\n');
    const pieces = sectionPieces(text);
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) expect(p.length).toBeLessThanOrEqual(3000);
    expect(pieces.join('\n')).toBe(text);
  });

  it('closes a code block at the end of a piece and opens it again in the next, so no fence shows raw', () => {
    const text = `*Claim text*\n\`\`\`${lines(60, 95, '- ').join('\n')}\nPlease confirm.\`\`\``;
    const pieces = sectionPieces(text);
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) {
      expect(p.length).toBeLessThanOrEqual(3000);
      expect(p.split('```').length % 2).toBe(1); // an even number of fences
    }
    expect(pieces.join('\n').replace(/```\n```/g, '\n')).toBe(text);
    expect(pieces.at(-1)).toMatch(/Please confirm\.```$/);
  });

  it('cuts only a single line longer than a section', () => {
    const pieces = sectionPieces(`short\n${'y'.repeat(5000)}\nafter`);
    expect(pieces).toHaveLength(3);
    expect(pieces[1]).toHaveLength(2997);
    expect(pieces[1]!.endsWith('…')).toBe(true);
    expect(pieces[2]).toBe('after');
  });
});

describe('a message of more than 50 blocks', () => {
  it('keeps its buttons and says that the rest was left out', () => {
    const blocks: Block[] = [
      ...Array.from({ length: 60 }, (_, i): Block => ({ type: 'section', text: `part ${i}` })),
      { type: 'actions', buttons: [{ action: 'decide.renew', label: 'Renew', value: '{}' }] },
    ];
    const kit = toBlockKit({ text: 'fallback', blocks });
    expect(kit.blocks).toHaveLength(50);
    expect(kit.blocks.at(-1)).toMatchObject({ type: 'actions' });
    expect(JSON.stringify(kit.blocks.at(-2))).toContain('12 more parts of this message left out');
  });
});
