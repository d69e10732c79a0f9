// Prints what bench/state measured: one row per point and instance, the sending of each step, and the goals.
//   node bench/state.d/report.mjs --machine machine.json --points points.jsonl
import fs from 'node:fs';

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
const machine = JSON.parse(fs.readFileSync(args.machine, 'utf8'));
const lines = fs.readFileSync(args.points, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const points = lines.filter((l) => l.point);
const sends = lines.filter((l) => l.send !== undefined);
const instances = machine.instances;

const num = (v, digits = 0) => (v == null ? '–' : Number(v).toLocaleString('en-US',
    { minimumFractionDigits: digits, maximumFractionDigits: digits }));
const seconds = (ms) => (ms == null ? '–' : num(ms / 1000, 1));
const pct = (v) => `${Math.round(v * 100)}%`;
const fresh = (instance) => points.find((p) => p.point === 'fresh' && p.instance === instance);
const label = { fresh: 'fresh start', sent: 'after sending', restarted: 'after a restart' };

// an instance's share of each store: its entries over all instances' at the same point
function stateCell(p) {
    if (!p.state) return 'n/a';
    const same = points.filter((q) => q.point === p.point && q.step === p.step);
    return Object.keys(p.state).sort().map((store) => {
        const all = same.reduce((s, q) => s + (q.state?.[store] || 0), 0);
        return `${store} ${num(p.state[store])}` + (instances > 1 && all > 0 ? ` (${pct(p.state[store] / all)})` : '');
    }).join('; ') || '(none)';
}

function deliveriesCell(d) {
    const total = Object.values(d).reduce((a, b) => a + b, 0);
    return num(total) + (d.dead_lettered ? ` (${num(d.dead_lettered)} dead-lettered)` : '');
}

const out = [];
out.push(`## ${machine.date}: \`${machine.command}\``, '');
out.push(`Machine: ${machine.nproc} cores (${machine.cpu}), ${num(machine.memKiB / 1048576, 1)} GiB RAM; ${machine.java}; `
    + `node ${machine.node}. Hub: \`${machine.jar}\` at ${machine.commit}, \`${machine.hubOpts}\`, ${machine.kafka} Kafka, `
    + `${instances} instance${instances > 1 ? 's' : ''}; emulators in a process of their own.`, '');
const hubCol = instances > 1;
out.push(`| point | conversations | ${hubCol ? 'hub | ' : ''}start to ready (s) | stop (s) | live heap (MiB) | vs fresh (MiB) `
    + '| RSS (MiB) | data dir (MiB) | deliveries since start | state entries held | load avg |');
out.push(`|---|---:|${hubCol ? '---:|' : ''}---:|---:|---:|---:|---:|---:|---:|---|---:|`);
for (const p of points) {
    const base = fresh(p.instance)?.heapMiB;
    const delta = p.point === 'fresh' || p.heapMiB == null || base == null ? '–'
        : (p.heapMiB - base >= 0 ? '+' : '') + num(p.heapMiB - base, 1);
    out.push(`| ${label[p.point]}${p.step ? ` ${p.step}` : ''} | ${num(p.conversations)} | ${hubCol ? `${p.instance} | ` : ''}`
        + `${seconds(p.readyMs)} | ${seconds(p.stopMs)} | ${num(p.heapMiB, 1)} | ${delta} | ${num(p.rssMiB)} | `
        + `${num(p.dataMiB)} | ${deliveriesCell(p.deliveries)} | ${stateCell(p)} | ${num(p.load, 1)} |`);
}

out.push('', '| step | hub | sent | acked | failed | recorded in the emulators | accepted/s | records/s end to end | ack p99 (ms) | post-to-record p99 (ms) |');
out.push('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const s of sends) {
    s.files.forEach((file, i) => {
        const r = JSON.parse(fs.readFileSync(file, 'utf8')).phases[0];
        out.push(`| ${s.send} | ${i + 1} | ${num(r.sent)} | ${num(r.acked)} | ${num(r.failed)} | ${num(r.recorded)} | `
            + `${num(r.acceptedPerSecond, 1)} | ${num(r.recordsPerSecond, 1)} | ${num(r.ackMs.p99, 1)} | ${num(r.postToRecordMs.p99)} |`);
    });
}

// the goals of the issue, judged on this run's figures (never asserted)
const total = machine.conversations * machine.steps;
const at = total === 200000 ? '' : ` (measured at ${num(total)}; the goal is stated for 200,000)`;
out.push('', '| goal | figure | |', '|---|---|---|');
for (let i = 1; i <= instances; i++) {
    const who = instances > 1 ? `hub ${i}: ` : '';
    const f = fresh(i);
    const last = points.filter((p) => p.instance === i && p.step === machine.steps && p.heapMiB != null);
    if (f?.heapMiB != null && last.length) {
        const worst = Math.max(...last.map((p) => p.heapMiB - f.heapMiB));
        out.push(`| ${who}live heap after ${num(total)} conversations within 32 MiB of fresh | +${num(worst, 1)} MiB `
            + `(the larger of after sending and after the restart) | ${worst <= 32 ? 'met' : 'NOT met'}${at} |`);
    }
    const restarts = points.filter((p) => p.instance === i && p.point === 'restarted' && p.readyMs != null);
    if (f?.readyMs != null && restarts.length) {
        const worst = Math.max(...restarts.map((p) => p.readyMs - f.readyMs));
        out.push(`| ${who}restart to ready within 3 s of a fresh start | ${worst >= 0 ? '+' : ''}${seconds(worst)} s `
            + `(the slowest restart) | ${worst <= 3000 ? 'met' : 'NOT met'}${at} |`);
    }
}
if (instances > 1) {
    // "about half each": every instance within 10 points of an even share, in every store, at the last point
    const last = points.filter((p) => p.point === points[points.length - 1].point && p.step === machine.steps);
    const stores = [...new Set(last.flatMap((p) => Object.keys(p.state || {})))];
    if (last.some((p) => !p.state) || stores.length === 0) {
        out.push(`| each of ${instances} instances holds about 1/${instances} of the state | n/a (no socialwire_state_entries metric) | |`);
    } else {
        const shares = stores.map((store) => {
            const all = last.reduce((s, p) => s + (p.state[store] || 0), 0);
            return last.map((p) => (all ? (p.state[store] || 0) / all : 0));
        });
        const even = shares.flat().every((s) => Math.abs(s - 1 / instances) <= 0.1);
        out.push(`| each of ${instances} instances holds about 1/${instances} of the state | `
            + `${stores.map((s, k) => `${s} ${shares[k].map(pct).join(' / ')}`).join('; ')} | `
            + `${even ? 'met' : 'NOT met'} (within 10 points of ${pct(1 / instances)}) |`);
    }
}
console.log(out.join('\n'));
