/**
 * The platform-neutral message model. Handlers return these; the Slack adapter renders Block Kit,
 * the Teams adapter Adaptive Cards. Text uses a small common markup: *bold*, `code`, user mentions
 * as <@USERID>, channel mentions as <#CHANNELID>.
 */
export type ActionId =
  | 'decide.renew'
  | 'decide.renegotiate'
  | 'decide.terminate'
  | 'snooze'
  | 'approval.approve'
  | 'approval.reject'
  | 'archive.confirm'
  | 'archive.cancel'
  | 'issue.respond'
  | 'issue.resolve'
  | 'handover.assign'
  | 'leaving.confirm'
  | 'credit.claimed'
  | 'credit.credited'
  | 'credit.waived'
  | 'survey.1'
  | 'survey.2'
  | 'survey.3'
  | 'survey.4'
  | 'survey.5'
  | 'survey.comment'
  | 'survey.comments';

export interface Button {
  action: ActionId;
  label: string;
  /** Serialized payload, validated with zod when the click comes back. */
  value: string;
  style?: 'primary' | 'danger';
}

export interface Field {
  label: string;
  value: string;
}

export type Block =
  | { type: 'header'; text: string }
  | { type: 'section'; text: string }
  | { type: 'fields'; fields: Field[] }
  | { type: 'context'; text: string }
  | { type: 'actions'; buttons: Button[] };

export interface Message {
  /** Plain-text fallback (Slack `text`, Teams `summary`): names the contract and what is due when. */
  text: string;
  blocks: Block[];
}

/** One section; its fallback without the bold and code markers (notifications show them raw). */
export function plain(text: string): Message {
  return { text: text.replace(/[*`]/g, ''), blocks: [{ type: 'section', text }] };
}

export function message(text: string, ...blocks: Block[]): Message {
  return { text, blocks };
}
