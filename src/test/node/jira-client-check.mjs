// jira.js (Version3Client), unchanged, against the hub's Jira emulator: creates an issue, comments on it, reads it,
// finds it again by its conversation label with the enhanced JQL search, and prints one JSON line of what it saw.
// Usage: node jira-client-check.mjs <hub base URL> <email> <api token> <conversation id>
import { Version3Client } from 'jira.js';

const [base, email, apiToken, conversation] = process.argv.slice(2);
const host = `${base}/emulators/jira`;
const jira = new Version3Client({ host, authentication: { basic: { email, apiToken } } });
const label = `sw-conv-${conversation}`;
const paragraph = (text) => ({ type: 'paragraph', content: [{ type: 'text', text }] });

const created = await jira.issues.createIssue({
  fields: {
    project: { key: 'SOC' },
    issuetype: { name: 'Task' },
    summary: 'Feature request: dark mode',
    description: { type: 'doc', version: 1, content: [paragraph('Customer asks for a dark mode (jira.js check)')] },
    labels: [label, 'channel-x'],
  },
});
const comment = await jira.issueComments.addComment({
  issueIdOrKey: created.key,
  comment: { type: 'doc', version: 1, content: [paragraph('Follow-up: on mobile too')] },
});
const issue = await jira.issues.getIssue({ issueIdOrKey: created.key });
const comments = await jira.issueComments.getComments({ issueIdOrKey: created.key });
const found = await jira.issueSearch.searchForIssuesUsingJqlEnhancedSearchPost({
  jql: `project = SOC AND labels = "${label}" ORDER BY created DESC`,
  fields: ['summary', 'labels', 'comment'],
  maxResults: 10,
});
const idsOnly = await jira.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: `labels = "${label}"` });

const failure = async (call) => {
  try {
    await call();
    return { status: 'no error' };
  } catch (e) {
    return { status: e.status ?? e.response?.status, body: e.response?.data ?? e.cause?.response?.data };
  }
};
const unknownProject = await failure(() => jira.issues.createIssue({
  fields: { project: { key: 'NOPE' }, issuetype: { name: 'Task' }, summary: 'x' },
}));
const unknownIssue = await failure(() => jira.issues.getIssue({ issueIdOrKey: 'SOC-999999' }));
const wrongToken = await failure(() => new Version3Client({
  host, authentication: { basic: { email, apiToken: 'wrong' } },
}).issues.getIssue({ issueIdOrKey: created.key }));

console.log(JSON.stringify({
  created,
  comment: { id: comment.id, author: comment.author?.emailAddress, text: comment.body?.content?.[0]?.content?.[0]?.text },
  issue: {
    key: issue.key,
    summary: issue.fields.summary,
    labels: issue.fields.labels,
    project: issue.fields.project?.key,
    issuetype: issue.fields.issuetype?.name,
    status: issue.fields.status?.name,
    description: issue.fields.description?.content?.[0]?.content?.[0]?.text,
    comments: issue.fields.comment?.total,
  },
  comments: { total: comments.total, ids: comments.comments.map((c) => c.id) },
  found: { keys: found.issues.map((i) => i.key), isLast: found.isLast, comments: found.issues[0]?.fields?.comment?.total },
  idsOnly: idsOnly.issues,
  unknownProject,
  unknownIssue,
  wrongToken,
}));
