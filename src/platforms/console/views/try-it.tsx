import { SMALL_FORM_FIELD, type Entry } from '../entries.js';
import { ContractForm, OneFieldForm, SuccessorForm, type FormProps } from './forms.js';
import { Hidden, Page, type Chrome } from './layout.js';
import type { Names } from './markup.js';
import { MessageView } from './message.js';

export interface UpcomingReminder {
  /** The instant to run the scheduler as of, as a datetime-local value in the workspace zone. */
  at: string;
  /** When, for people: "2026-12-02 09:00". */
  when: string;
  what: string;
}

export interface TryItProps {
  chrome: Chrome;
  entries: readonly Entry[];
  /** Older entries exist beyond those shown. */
  more: boolean;
  names: Names;
  people: FormProps['people'];
  /** The channel typed commands come from, as shown ("#renewals"), or null. */
  channel: string | null;
  timezone: string;
  /** Only a console workspace can run the scheduler from here (a real workspace's reminders go to real channels). */
  scheduler: { defaultAt: string; upcoming: readonly UpcomingReminder[] } | null;
  examples: readonly string[];
  sandbox: boolean;
}

function EntryView({ entry, props }: { entry: Entry; props: TryItProps }) {
  const enabled = props.chrome.actingAs !== null;
  const interaction = { entryId: entry.id, csrf: props.chrome.csrf, enabled };
  const who = props.chrome.actingAs?.name ?? 'You';
  switch (entry.kind) {
    case 'command':
      return <div class="entry command" data-kind="command"><div class="meta"><b>{who}</b></div>{entry.text}</div>;
    case 'post':
      return (
        <div class="entry post" data-kind="post" data-entry={String(entry.id)}>
          <div class="meta"><b>Renewal Desk</b> in #{props.names.channels.get(entry.channelId) ?? entry.channelId}</div>
          <MessageView message={entry.message} names={props.names} interaction={interaction} />
        </div>
      );
    case 'reply':
      return (
        <div class="entry reply" data-kind="reply" data-entry={String(entry.id)}>
          <div class="meta"><b>Renewal Desk</b><span class="private">only you can see this</span></div>
          <MessageView message={entry.message} names={props.names} interaction={interaction} />
        </div>
      );
    case 'note':
      return <div class="entry note" data-kind="note"><MessageView message={entry.message} names={props.names} interaction={null} /></div>;
    case 'form': {
      const formProps: FormProps = { entryId: entry.id, csrf: props.chrome.csrf, people: props.people, enabled };
      const { state } = entry;
      return (
        <div class="entry reply" data-kind="form">
          <div class="meta"><b>Renewal Desk</b><span class="private">only you can see this</span></div>
          <div class="msg">
            {state.form === 'contract-add' ? <ContractForm state={state} props={formProps} />
              : state.form === 'assign-successor' ? <SuccessorForm state={state} props={formProps} names={props.names} />
              : <OneFieldForm state={state} props={formProps} names={props.names} fieldName={SMALL_FORM_FIELD} />}
          </div>
        </div>
      );
    }
  }
}

function Scheduler({ props }: { props: TryItProps }) {
  const scheduler = props.scheduler!;
  const enabled = props.chrome.actingAs !== null;
  const runAs = (at: string, label: string) => (
    <form method="post" action="/console/scheduler" class="run">
      <Hidden csrf={props.chrome.csrf} />
      <input type="hidden" name="at" value={at} />
      <button type="submit" disabled={!enabled}>{label}</button>
    </form>
  );
  return (
    <section class="card side" id="scheduler">
      <h2>Run the scheduler</h2>
      <p class="small muted">One pass as of the moment you pick, for this workspace: whatever is due by then is posted in the panel, as it would be in Slack or Teams ({props.timezone}).</p>
      <form method="post" action="/console/scheduler" class="run">
        <Hidden csrf={props.chrome.csrf} />
        <input type="datetime-local" name="at" value={scheduler.defaultAt} required aria-label="Run as of" />
        <button type="submit" class="primary" disabled={!enabled}>Run</button>
      </form>
      <h2>Next reminders</h2>
      {scheduler.upcoming.length === 0 ? (
        <p class="small muted">None planned.</p>
      ) : (
        <ul>
          {scheduler.upcoming.map((r) => (
            <li>
              <span><b>{r.when}</b> {r.what}</span>
              {runAs(r.at, 'Run as of this')}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Guide({ props }: { props: TryItProps }) {
  return (
    <section class="card side">
      <h2>Try it in a minute</h2>
      <ol class="small">
        <li>Type <code>/contract add</code> (a form), or <code>{'/contract add "Acme Backup" vendor:Acme end:2027-06-30 notice:60d value:9000'}</code>.</li>
        <li>Its reminders appear under <em>Next reminders</em>: click <em>Run as of this</em>.</li>
        <li>Click <em>Renew</em>, <em>Renegotiate</em> or <em>Terminate</em> on the reminder: the message is updated in place.</li>
        {props.sandbox && <li>On the demo's <em>Service credit</em> message, click <em>Claim sent</em>, or <em>Credited</em> for the amount form; vote on the <em>Pulse survey</em>. The contract page shows both, with the scorecard's verdict.</li>}
      </ol>
      {props.sandbox && <p class="small muted">This is a local sandbox with a demo workspace. Nothing leaves this machine. Switch who you act as at the top right to see approvals by a second approver.</p>}
    </section>
  );
}

/** "Try it": the chat panel with the same commands, messages and buttons as Slack and Teams, and the scheduler control. */
export function TryItPage(props: TryItProps) {
  const enabled = props.chrome.actingAs !== null;
  return (
    <Page title="Try it" chrome={props.chrome}>
      {!enabled && <div class="banner">This console is read-only: set <code>CONSOLE_USER</code> to the chat user id it should act as (README: Console).</div>}
      <div class="grid-try">
        <section class="panel" aria-label="Chat panel">
          <div class="panel-head">{props.channel ?? 'Renewal Desk'}<span class="sub">Commands, answers and posts, as in Slack or Teams</span></div>
          <div class="transcript" id="transcript">
            {props.more && <p class="small muted">Older messages are not shown.</p>}
            {props.entries.length === 0 && <p class="empty">Nothing here yet. Type a command below, for example <code>/renewals</code>.</p>}
            {props.entries.map((entry) => <EntryView entry={entry} props={props} />)}
            <div id="latest" />
          </div>
          <form class="composer" method="post" action="/console/command">
            <Hidden csrf={props.chrome.csrf} />
            <input name="text" autocomplete="off" autofocus maxLength={4000} placeholder='/contract add "Acme Backup" vendor:Acme end:2027-06-30 notice:60d' aria-label="Command" disabled={!enabled} />
            <button type="submit" class="primary" disabled={!enabled}>Send</button>
          </form>
          <div class="examples">
            {props.examples.map((example) => (
              <form method="post" action="/console/command">
                <Hidden csrf={props.chrome.csrf} />
                <input type="hidden" name="text" value={example} />
                <button type="submit" disabled={!enabled}>{example}</button>
              </form>
            ))}
          </div>
        </section>
        <aside>
          {props.scheduler && <Scheduler props={props} />}
          <Guide props={props} />
        </aside>
      </div>
    </Page>
  );
}
