/**
 * What Slack refuses or silently truncates in a message (chat.postMessage, chat.update, an ephemeral
 * answer): every problem, in words, so that a test shows all of them at once. From Slack's Block Kit
 * reference: at most 50 blocks; a header's text 150 characters; a section's text 3000, at most 10
 * fields of 2000 each; a context at most 10 elements; buttons' text 75 and value 2000 characters; the
 * message `text` (the fallback notifications show) present and at most 40,000 characters.
 * Beyond Slack's own limits: a section cut short by the renderer ends in "…", and a code block split
 * in two (an odd number of ``` in one text) shows its fences raw.
 */
export function slackLimitProblems(body: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const text = typeof body['text'] === 'string' ? body['text'] : '';
  if (!text.trim()) problems.push('no fallback text');
  if (text.length > 40_000) problems.push(`fallback text of ${text.length} characters`);
  const blocks = (body['blocks'] as Record<string, any>[] | undefined) ?? [];
  if (blocks.length > 50) problems.push(`${blocks.length} blocks`);
  const texts: string[] = [];
  blocks.forEach((block, i) => {
    const where = `block ${i} (${block['type']})`;
    if (block['type'] === 'header' && block['text'].text.length > 150) problems.push(`${where}: header of ${block['text'].text.length} characters`);
    if (block['type'] === 'section') {
      if (block['text'] && block['text'].text.length > 3000) problems.push(`${where}: text of ${block['text'].text.length} characters`);
      if (block['text']) texts.push(block['text'].text);
      const fields = (block['fields'] as { text: string }[] | undefined) ?? [];
      if (fields.length > 10) problems.push(`${where}: ${fields.length} fields`);
      for (const f of fields) {
        if (f.text.length > 2000) problems.push(`${where}: a field of ${f.text.length} characters`);
        texts.push(f.text);
      }
    }
    if (block['type'] === 'context') {
      const elements = block['elements'] as { text: string }[];
      if (elements.length > 10) problems.push(`${where}: ${elements.length} elements`);
      for (const e of elements) {
        if (e.text.length > 3000) problems.push(`${where}: an element of ${e.text.length} characters`);
        texts.push(e.text);
      }
    }
    if (block['type'] === 'actions') {
      const elements = block['elements'] as { text: { text: string }; value?: string; action_id: string }[];
      if (elements.length > 25) problems.push(`${where}: ${elements.length} elements`);
      for (const e of elements) {
        if (e.text.text.length > 75) problems.push(`${where}: button "${e.text.text.slice(0, 20)}…" of ${e.text.text.length} characters`);
        if ((e.value ?? '').length > 2000) problems.push(`${where}: button value of ${e.value!.length} characters`);
        if (e.action_id.length > 255) problems.push(`${where}: action_id of ${e.action_id.length} characters`);
      }
    }
  });
  texts.forEach((t, i) => {
    if (t.endsWith('…')) problems.push(`text ${i} cut short: …${t.slice(-60)}`);
    if ((t.match(/```/g) ?? []).length % 2 === 1) problems.push(`text ${i} has an unclosed code block`);
  });
  return problems;
}
