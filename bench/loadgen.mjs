// Load generator for bench/run: sends signed generic webhooks (Standard Webhooks) to one peer (the hub or the
// Node-RED flow), then reads back from the emulators when each interaction became a record and what it cost in
// API calls. Writes one JSON document with every phase's figures (bench/report.mjs compares two of them).
//
//   node bench/loadgen.mjs --target http://127.0.0.1:18080/webhooks/generic --emulators http://127.0.0.1:18080 \
//        --label sw --rate 1000 --seconds 30 --max 20000 --concurrency 64 --cost 500 --out sw.json
//
// --phases picks among rate, max and cost (new conversations, then follow-ups in them); `new` alone sends the
// --cost new conversations without the follow-ups (bench/state uses it to grow the hub's state).
import http from 'node:http';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';

const o = options(process.argv.slice(2), {
    target: 'http://127.0.0.1:8080/webhooks/generic', emulators: 'http://127.0.0.1:8080', label: 'sw',
    secret: process.env.GENERIC_WEBHOOK_SECRET || 'whsec_bG9jYWwtZ2VuZXJpYy13ZWJob29rLXNlY3JldA==',
    rate: 1000, seconds: 30, max: 20000, concurrency: 64, cost: 500, 'follow-up-share': 0.3, channel: 'x',
    'max-in-flight': 1000, drain: 60, phases: 'rate,max,cost', out: '',
});
const run = Date.now().toString(36).slice(-5);
const key = Buffer.from(o.secret.replace(/^whsec_/, ''), 'base64');
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(o['max-in-flight']) });
const target = new URL(o.target);

function options(args, defaults) {
    const result = { ...defaults };
    for (let i = 0; i < args.length; i++) {
        const name = args[i].replace(/^--/, '');
        if (!(name in defaults)) throw new Error('unknown option --' + name);
        result[name] = typeof defaults[name] === 'number' ? Number(args[++i]) : args[++i];
    }
    return result;
}

// ---- the workload: new conversations (half support, half sales) and follow-ups in earlier ones ----

const SUPPORT = ['My order %n arrived broken, please help', 'The app crashes every time I log in, order %n, help please',
    'My parcel %n never arrived, can someone help me?'];
const SALES = ['What is your pricing for %s seats?', 'Could we get a demo and a quote for %s licenses?',
    'Do you offer volume pricing for %s seats?'];
const FOLLOW_UP = { support: 'Any update on this? Still waiting for help', sales: 'Thanks! Is there a discount for annual billing?' };

function newConversation(phase, n) {
    const department = n % 2 === 0 ? 'support' : 'sales';
    const texts = department === 'support' ? SUPPORT : SALES;
    const externalId = `${o.label}${run}${phase}${n}`;
    const ref = `${o.label}${run}.${phase}.${n}`;
    const text = texts[n % texts.length].replace('%n', String(4000 + n)).replace('%s', String(10 + n % 90));
    const author = { id: 'a' + externalId, handle: 'user_' + externalId, displayName: 'User ' + externalId, followers: 120 };
    return { ref, type: 'new', department, conversationId: `${o.channel}:${externalId}`, author,
        body: { channel: o.channel, kind: 'post', externalId, text: `ref:${ref} ${text}`, author } };
}

function followUp(phase, n, conversation) {
    const externalId = `${o.label}${run}${phase}${n}`;
    const ref = `${o.label}${run}.${phase}.${n}`;
    return { ref, type: 'follow-up', department: conversation.department, conversationId: conversation.conversationId,
        body: { channel: o.channel, kind: 'reply', externalId, conversationId: conversation.conversationId,
            inReplyToId: conversation.conversationId, text: `ref:${ref} ${FOLLOW_UP[conversation.department]}`,
            author: conversation.author } };
}

// ---- sending ----

function sign(id, timestamp, body) {
    return 'v1,' + crypto.createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
}

function post(body) {
    const id = 'msg_' + crypto.randomBytes(9).toString('hex');
    const timestamp = Math.floor(Date.now() / 1000).toString();
    const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body),
        'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': sign(id, timestamp, body) };
    return new Promise((resolve) => {
        const req = http.request({ agent, host: target.hostname, port: target.port, path: target.pathname,
            method: 'POST', headers, timeout: 30000 }, (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode));
        });
        req.on('timeout', () => req.destroy(new Error('timeout')));
        req.on('error', () => resolve(0));
        req.end(body);
    });
}

class Phase {
    constructor(name, kind) {
        Object.assign(this, { name, kind, sent: [], acked: 0, failed: 0, statuses: {}, pool: [], inFlight: 0 });
    }

    async fire(interaction) {
        const body = JSON.stringify(interaction.body);
        interaction.sentAt = Date.now();
        const t0 = performance.now();
        this.sent.push(interaction);
        this.inFlight++;
        const status = await post(body);
        this.inFlight--;
        interaction.ackMs = performance.now() - t0;
        interaction.ackedAt = Date.now();
        interaction.status = status;
        this.statuses[status] = (this.statuses[status] || 0) + 1;
        if (status >= 200 && status < 300) {
            this.acked++;
            if (interaction.type === 'new') this.pool.push(interaction);
        } else {
            this.failed++;
        }
    }

    /** ~follow-up-share follow-ups in conversations already acknowledged in this phase, the rest new ones. */
    mixed(n) {
        const share = Number(o['follow-up-share']);
        if (this.pool.length > 0 && Math.floor((n + 1) * share) > Math.floor(n * share)) {
            return followUp(this.name, n, this.pool[Math.floor(Math.random() * this.pool.length)]);
        }
        return newConversation(this.name, n);
    }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Open loop: sends at a fixed rate whatever the answers' latency (up to max-in-flight unanswered requests). */
async function openLoop(phase, rate, seconds, pick) {
    const total = Math.round(rate * seconds);
    const pending = [];
    const start = performance.now();
    let capped = 0;
    for (let n = 0; n < total; n++) {
        const due = start + (n * 1000) / rate;
        const wait = due - performance.now();
        if (wait >= 1) await sleep(wait);
        while (phase.inFlight >= o['max-in-flight']) {
            capped++;
            await sleep(1);
        }
        pending.push(phase.fire(pick(n)));
    }
    phase.sendSeconds = (performance.now() - start) / 1000;
    phase.cappedWaits = capped;
    await Promise.all(pending);
}

/** Closed loop: `concurrency` senders, each sending its next interaction as soon as the last one is answered. */
async function closedLoop(phase, total, concurrency, pick) {
    let next = 0;
    const start = performance.now();
    await Promise.all(Array.from({ length: concurrency }, async () => {
        while (next < total) {
            await phase.fire(pick(next++));
        }
    }));
    phase.sendSeconds = (performance.now() - start) / 1000;
}

// ---- reading the emulators back ----

async function getJson(path, method = 'GET') {
    const res = await fetch(o.emulators + path, { method });
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status}`);
    return res.status === 204 ? null : res.json();
}

async function logEnd() {
    return (await getJson('/emulators/records?ref=~none~&limit=1&after=0')).next;
}

/** Polls the emulators until every acknowledged interaction is a record, or nothing new appeared for `drain` s. */
async function drain(phase, cursor) {
    const prefix = `${o.label}${run}.${phase.name}.`;
    const byRef = new Map(phase.sent.filter((i) => i.status >= 200 && i.status < 300).map((i) => [i.ref, i]));
    let found = 0;
    let lastProgress = Date.now();
    while (found < byRef.size && Date.now() - lastProgress < o.drain * 1000) {
        const page = await getJson(`/emulators/records?after=${cursor}&ref=${encodeURIComponent(prefix)}&limit=20000`);
        cursor = page.next;
        for (const record of page.records) {
            const interaction = byRef.get(record.ref);
            if (interaction && interaction.recordAt === undefined) {
                interaction.recordAt = record.at;
                interaction.record = `${record.system}:${record.type}`;
                found++;
                lastProgress = Date.now();
            }
        }
        if (page.records.length === 0) await sleep(500);
    }
    return cursor;
}

function percentile(values, p) {
    if (values.length === 0) return null;
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function targetCalls(stats) {
    let total = 0;
    const systems = {};
    for (const system of ['servicenow', 'salesforce', 'receiver']) {
        const sum = Object.values(stats[system] || {}).reduce((a, b) => a + b, 0);
        systems[system] = sum;
        total += sum;
    }
    return { total, systems };
}

function summary(phase, stats) {
    const acked = phase.sent.filter((i) => i.status >= 200 && i.status < 300);
    const recorded = acked.filter((i) => i.recordAt !== undefined);
    // reduce, not Math.min(...array): spreading more than ~120,000 arguments overflows the stack
    const firstSend = phase.sent.reduce((m, i) => Math.min(m, i.sentAt), Infinity);
    const lastAck = phase.sent.reduce((m, i) => Math.max(m, i.ackedAt), -Infinity);
    const lastRecord = recorded.reduce((m, i) => Math.max(m, i.recordAt), firstSend);
    const calls = targetCalls(stats);
    const types = {};
    for (const i of phase.sent) {
        const t = (types[i.type] ||= { sent: 0, acked: 0, recorded: 0, records: {} });
        t.sent++;
        if (i.status >= 200 && i.status < 300) t.acked++;
        if (i.recordAt !== undefined) {
            t.recorded++;
            t.records[i.record] = (t.records[i.record] || 0) + 1;
        }
    }
    return {
        phase: phase.name, kind: phase.kind, sent: phase.sent.length, acked: acked.length, failed: phase.failed,
        statuses: phase.statuses, types,
        sendSeconds: round(phase.sendSeconds), sendRate: round(phase.sent.length / phase.sendSeconds),
        cappedWaits: phase.cappedWaits || 0,
        acceptedPerSecond: round(acked.length / ((lastAck - firstSend) / 1000)),
        recorded: recorded.length, missing: acked.length - recorded.length,
        recordsPerSecond: round(recorded.length / (Math.max(1, lastRecord - firstSend) / 1000)),
        ackMs: { p50: round(percentile(acked.map((i) => i.ackMs), 50)), p99: round(percentile(acked.map((i) => i.ackMs), 99)) },
        postToRecordMs: { p50: percentile(recorded.map((i) => i.recordAt - i.sentAt), 50),
            p99: percentile(recorded.map((i) => i.recordAt - i.sentAt), 99) },
        targetCalls: calls.total, targetCallsBySystem: calls.systems,
        targetCallsPer1000: acked.length ? round((calls.total * 1000) / acked.length) : null,
        operations: stats,
    };
}

const round = (v) => (v === null || v === undefined || !Number.isFinite(v) ? null : Math.round(v * 10) / 10);

async function measure(name, kind, drive) {
    const phase = new Phase(name, kind);
    await getJson('/emulators/stats', 'DELETE');
    const cursor = await logEnd();
    await drive(phase);
    await drain(phase, cursor);
    const result = summary(phase, await getJson('/emulators/stats'));
    const r = result;
    console.error(`[${o.label}] ${name}: sent ${r.sent} (${r.sendRate}/s), acked ${r.acked}, failed ${r.failed}, `
        + `recorded ${r.recorded}, missing ${r.missing}, ack p99 ${r.ackMs.p99} ms, record p99 ${r.postToRecordMs.p99} ms, `
        + `${r.targetCallsPer1000} target calls/1000`);
    return { result, phase };
}

const phases = o.phases.split(',');
const results = { label: o.label, run, target: o.target, options: o, phases: [] };
if (phases.includes('rate')) {
    const { result } = await measure('rate', `open loop, ${o.rate}/s for ${o.seconds} s, ${Math.round(o['follow-up-share'] * 100)}% follow-ups`,
        (p) => openLoop(p, o.rate, o.seconds, (n) => p.mixed(n)));
    results.phases.push(result);
}
if (phases.includes('max')) {
    const { result } = await measure('max', `closed loop, ${o.concurrency} senders, ${o.max} interactions, ${Math.round(o['follow-up-share'] * 100)}% follow-ups`,
        (p) => closedLoop(p, o.max, o.concurrency, (n) => p.mixed(n)));
    results.phases.push(result);
}
if (phases.includes('cost') || phases.includes('new')) {
    const concurrency = Math.min(16, o.concurrency);
    const { result, phase: news } = await measure('new', `${o.cost} new conversations only (closed loop, ${concurrency} senders)`,
        (p) => closedLoop(p, o.cost, concurrency, (n) => newConversation('new', n)));
    results.phases.push(result);
    const conversations = news.sent.filter((i) => i.recordAt !== undefined);
    if (phases.includes('cost') && conversations.length > 0) {
        const { result: follow } = await measure('follow', `${o.cost} follow-ups only, in those conversations`,
            (p) => closedLoop(p, o.cost, concurrency, (n) => followUp('follow', n, conversations[n % conversations.length])));
        results.phases.push(follow);
    }
}
agent.destroy();
const json = JSON.stringify(results, null, 2);
if (o.out) fs.writeFileSync(o.out, json); else console.log(json);
