// Prints the figures bench/run measured, Socialwire beside Node-RED with their ratio and the hub's goals, and
// appends them to bench/RESULTS.md (--write).
//   node bench/report.mjs --machine machine.json --hub socialwire.json [--peer node-red.json] [--write bench/RESULTS.md]
import fs from 'node:fs';

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
const read = (file) => (file ? JSON.parse(fs.readFileSync(file, 'utf8')) : null);
const machine = read(args.machine);
const hub = read(args.hub);
const peer = read(args.peer);
const phase = (run, name) => run?.phases.find((p) => p.phase === name);
const rate = Number(hub.options.rate);

// [label, getter, unit, smaller is better?, goal check for the hub]
const rows = [];
const row = (label, get, goal) => rows.push({ label, hub: get(hub, 'hub'), peer: peer ? get(peer, 'peer') : null, goal });
const mib = (kib) => (kib == null ? null : Math.round(kib / 1024));
row('start to ready (s)', (r, who) => (who === 'hub' ? machine.hubReadyMs : machine.nodeRedReadyMs) / 1000);
row('peak resident memory, VmHWM (MiB)', (r, who) => mib(who === 'hub' ? machine.hubHwmKiB : machine.nodeRedHwmKiB),
    (v) => (v <= 600 ? 'met (≤ 600 MiB)' : 'NOT met (≤ 600 MiB)'));
for (const [name, title] of [['rate', `fixed rate ${rate}/s`], ['max', 'maximum rate']]) {
    if (!phase(hub, name)) continue;
    const get = (f) => (r) => { const p = phase(r, name); return p ? f(p) : null; };
    const atGoalRate = name === 'rate' && rate === 1000 ? '' : ` (measured at ${rate}/s; the goal is at 1000/s)`;
    row(`${title}: webhooks sent per second`, get((p) => p.sendRate));
    row(`${title}: interactions accepted per second (2xx)`, get((p) => p.acceptedPerSecond));
    row(`${title}: records created per second, end to end`, get((p) => p.recordsPerSecond),
        name === 'max' && peer ? (v, nr) => (v >= 3 * nr ? 'met (≥ 3× Node-RED)' : 'NOT met (≥ 3× Node-RED)') : null);
    row(`${title}: webhook ack p50 (ms)`, get((p) => p.ackMs.p50));
    row(`${title}: webhook ack p99 (ms)`, get((p) => p.ackMs.p99),
        name === 'rate' ? (v) => (v <= 50 ? 'met' : 'NOT met') + ' (≤ 50 ms)' + atGoalRate : null);
    row(`${title}: post-to-record p50 (ms)`, get((p) => p.postToRecordMs.p50));
    row(`${title}: post-to-record p99 (ms)`, get((p) => p.postToRecordMs.p99),
        name === 'rate' ? (v) => (v != null && v <= 2000 ? 'met' : 'NOT met') + ' (≤ 2 s)' + atGoalRate : null);
    row(`${title}: failed webhooks / acked but no record`, get((p) => `${p.failed} / ${p.missing}`));
    row(`${title}: target API calls per 1,000 interactions`, get((p) => p.targetCallsPer1000));
}
row('target API calls per 1,000 new conversations', (r) => phase(r, 'new')?.targetCallsPer1000,
    (v) => (v != null && v <= 10 ? 'met' : 'NOT met') + ' (≤ 10)');
row('target API calls per 1,000 follow-ups', (r) => phase(r, 'follow')?.targetCallsPer1000);

const fmt = (v) => (v == null ? '–' : typeof v === 'number' ? String(Math.round(v * 10) / 10) : String(v));
const ratio = (a, b) => (typeof a === 'number' && typeof b === 'number' && b !== 0 ? (a / b).toFixed(2) : '–');
const lines = [];
lines.push(`## ${machine.date}: \`${machine.command.trim()}\``, '');
lines.push(`Machine: ${machine.nproc} cores (${machine.cpu}), ${(machine.memKiB / 1048576).toFixed(1)} GiB RAM; `
    + `${machine.java}; node ${machine.node}; Node-RED ${peer ? machine.nodeRed : '(not run)'}.`, '');
lines.push('| figure | Socialwire | Node-RED | ratio (Socialwire / Node-RED) | hub goal |', '|---|---:|---:|---:|---|');
for (const r of rows) {
    const goal = r.goal && r.hub != null ? r.goal(r.hub, r.peer) : '';
    lines.push(`| ${r.label} | ${fmt(r.hub)} | ${fmt(r.peer)} | ${ratio(r.hub, r.peer)} | ${goal} |`);
}
lines.push('');
for (const run of [hub, peer].filter(Boolean)) {
    for (const name of ['new', 'follow']) {
        const p = phase(run, name);
        if (!p) continue;
        const ops = Object.entries(p.operations).flatMap(([system, byOp]) => Object.entries(byOp)
            .map(([op, n]) => `${system} ${op}: ${Math.round((n * 1000) / Math.max(1, p.acked))}`));
        lines.push(`${run.label === 'sw' ? 'Socialwire' : 'Node-RED'}, per 1,000 ${name === 'new' ? 'new conversations' : 'follow-ups'}`
            + ` (records: ${Object.entries(p.types[name === 'new' ? 'new' : 'follow-up']?.records || {}).map(([k, v]) => `${k} ${v}`).join(', ')}): ${ops.join('; ') || 'none'}`, '');
    }
}
const text = lines.join('\n');
console.log(text);
if (args.write) {
    const header = '# Benchmark results\n\nWritten by `bench/run` (see bench/README.md); every figure is measured, newest last.\n\n';
    const before = fs.existsSync(args.write) ? fs.readFileSync(args.write, 'utf8') : header;
    fs.writeFileSync(args.write, before.replace(/\n*$/, '\n\n') + text + '\n');
    console.error(`bench: results appended to ${args.write}`);
}
