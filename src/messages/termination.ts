import { deadlineOf } from '../domain/contract-terms.js';
import type { Contract } from '../store/contracts.js';
import { termsOf } from '../store/contracts.js';
import { day, mention } from './format.js';
import type { Message } from './model.js';

/** Posted when a contract is terminated: the notice to send and the transition checklist. */
export function terminationNotice(contract: Contract, vendorContacts: readonly { role: string; name: string | null; email: string | null; phone: string | null }[] = []): Message {
  const deadline = deadlineOf(termsOf(contract));
  const notice =
    `Subject: Notice of termination — ${contract.name}\n` +
    `Dear ${contract.vendor} team,\nwe hereby give notice that we will not renew "${contract.name}"` +
    `${contract.services ? ` (${contract.services})` : ''}. The agreement ends on ${contract.end}. Please confirm receipt in writing.`;
  return {
    text: `Terminate: ${contract.name} (${contract.vendor}) ends on ${contract.end}; send the notice by ${deadline}.`,
    blocks: [
      { type: 'header', text: `Terminate: ${contract.name}` },
      { type: 'section', text: `Send this notice to ${contract.vendor} by *${day(deadline)}* (the contract ends on *${day(contract.end)}*). Owner: ${mention(contract.ownerId)}.` },
      { type: 'section', text: '```' + notice + '```' },
      {
        type: 'section',
        text: vendorContacts.length > 0
          ? `*Vendor contacts*\n${vendorContacts.map((c) => `• ${c.role}: ${c.name ?? '?'}${c.email ? ` <${c.email}>` : ''}${c.phone ? `, ${c.phone}` : ''}`).join('\n')}`
          : '*Vendor contacts:* none on record (add them with `/contract contact … add vendor "Name" role:account-manager email:…`).',
      },
      {
        type: 'section',
        text: '*Transition checklist*\n☐ Back up or export all data held by the vendor\n☐ Hand back or revoke accounts, keys and access\n☐ Return equipment and licences\n☐ Move the service to its successor and tell users\n☐ Confirm the final invoice and cancel payments',
      },
    ],
  };
}
