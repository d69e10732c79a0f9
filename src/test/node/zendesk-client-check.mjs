// node-zendesk, unchanged, against the hub's Zendesk emulator: creates a ticket for a conversation, adds a
// follow-up comment through an update, reads the ticket and its comments, finds it by external id and by tag with
// the search API, and prints one JSON line of what it saw.
// Usage: node zendesk-client-check.mjs <hub base URL> <email> <api token> <conversation id>
import zendesk from 'node-zendesk';

const [base, username, token, conversation] = process.argv.slice(2);
const endpointUri = `${base}/emulators/zendesk/api/v2`;
const client = zendesk.createClient({ username, token, endpointUri });
const tag = `conv_${conversation.replace(/[^a-zA-Z0-9]/g, '_')}`;

const created = await client.tickets.create({
  ticket: {
    subject: 'Where is my order?',
    comment: { body: 'My order is late (node-zendesk check)', public: true },
    requester: { name: 'Ana Example', email: 'ana@example.com' },
    external_id: conversation,
    tags: ['channel_x', 'support', tag],
    priority: 'high',
    type: 'question',
  },
});
const id = created.result.id;
const updated = await client.tickets.update(id, { ticket: { comment: { body: 'Any news?', public: true } } });
const shown = await client.tickets.show(id);
const comments = await client.tickets.getComments(id);
const byExternalId = await client.search.query(`type:ticket external_id:${conversation}`);
const byTag = await client.search.query(`tags:${tag}`);

const failure = async (call) => {
  try {
    await call();
    return { message: 'no error' };
  } catch (e) {
    return { message: e.message };
  }
};
const missing = await failure(() => client.tickets.show(99999999));
const blank = await failure(() => client.tickets.create({ ticket: { subject: 'no description' } }));
const wrongToken = await failure(() => zendesk.createClient({ username, token: 'wrong', endpointUri }).tickets.show(id));

console.log(JSON.stringify({
  created: { status: created.response.status, id, externalId: created.result.external_id, tags: created.result.tags },
  updated: { status: updated.response.status, ticketStatus: updated.result.status },
  shown: {
    subject: shown.result.subject,
    description: shown.result.description,
    priority: shown.result.priority,
    type: shown.result.type,
    requesterId: shown.result.requester_id,
  },
  comments: comments.map((c) => ({ body: c.body, public: c.public })),
  byExternalId: byExternalId.result.map((t) => t.id),
  byTag: byTag.result.map((t) => t.id),
  missing,
  blank,
  wrongToken,
}));
