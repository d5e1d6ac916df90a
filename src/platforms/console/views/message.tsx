import type { Block, Message } from '../../../messages/model.js';
import { Markup, type Names } from './markup.js';

export interface Interaction {
  /** The console entry the message is, for its buttons. */
  entryId: number;
  csrf: string;
  /** False when the console is read-only: buttons are shown, disabled. */
  enabled: boolean;
}

function BlockView({ block, names, interaction }: { block: Block; names: Names; interaction: Interaction | null }) {
  switch (block.type) {
    case 'header':
      return <h3>{block.text}</h3>;
    case 'section':
      return <div class="section"><Markup text={block.text} names={names} /></div>;
    case 'context':
      return <p class="context"><Markup text={block.text} names={names} /></p>;
    case 'fields':
      return (
        <dl class="fields">
          {block.fields.map((f) => (
            <div>
              <dt>{f.label}</dt>
              <dd><Markup text={f.value} names={names} /></dd>
            </div>
          ))}
        </dl>
      );
    case 'actions':
      return (
        <div class="actions">
          {block.buttons.map((b) => (
            <form method="post" action="/console/click">
              {interaction && (
                <>
                  <input type="hidden" name="_csrf" value={interaction.csrf} />
                  <input type="hidden" name="entry" value={String(interaction.entryId)} />
                  <input type="hidden" name="action" value={b.action} />
                  <input type="hidden" name="value" value={b.value} />
                </>
              )}
              <button type="submit" class={b.style ?? ''} disabled={!interaction?.enabled} data-action={b.action}>{b.label}</button>
            </form>
          ))}
        </div>
      );
  }
}

/** A message of the platform-neutral model, as HTML: the same blocks Slack and Teams render, with working buttons. */
export function MessageView({ message, names, interaction }: { message: Message; names: Names; interaction: Interaction | null }) {
  return (
    <div class="msg">
      {message.blocks.length === 0 ? <div class="section">{message.text}</div> : message.blocks.map((block) => <BlockView block={block} names={names} interaction={interaction} />)}
    </div>
  );
}
