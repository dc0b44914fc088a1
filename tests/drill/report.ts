import os from 'node:os';
import { formatTable, percentile, type Row } from '../bench/table';
import type { DrillResult, Usage } from './drill';

/** The drill's figures as the bench's table (tests/bench/table.ts), with a header that says how they were made. */

const MB = 1024 * 1024;
const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;
const pct = (value: number) => `${value.toFixed(0)} %`;
const usageText = (u: Usage) => `CPU ${pct(u.cpuPercent)} of one core · memory ${mb(u.memoryEnd)} at the end (peak ${mb(u.memoryPeak)})`;

export function drillRows(r: DrillResult): Row[] {
  const c = r.config;
  const laptops = r.peerProcesses.reduce((sum, p) => sum + p.laptops, 0);
  const peerRss = r.peerProcesses.map((p) => p.usage.memoryEnd);
  const perLaptop = r.peerProcesses.map((p) => p.usage.memoryEnd / p.laptops);
  const marginal = r.peerProcesses.map((p) => (p.usage.memoryEnd - p.rssBefore) / p.laptops);
  const conn = r.facilitator.connections;
  const connText = (x: { relay: number; signaling: number; webrtc: number }) => `${x.relay} relay · ${x.signaling} signaling · ${x.webrtc} WebRTC`;
  return [
    {
      group: `${c.groups} groups × ${c.perGroup} laptops + facilitator, ${r.editSeconds.toFixed(0)} s`,
      measure: `edits per second, whole room (${r.edits.node + r.edits.pages} edits: keys, notes added, moved, recoloured, deleted)`,
      unit: '',
      samples: [],
      text: `${((r.edits.node + r.edits.pages) / r.editSeconds).toFixed(1)} /s`,
    },
    {
      group: '',
      measure: 'note added → in the doc of another laptop of its group (Node laptops)',
      unit: 'ms',
      samples: r.latency.fromNode,
      pooled: true,
    },
    {
      group: '',
      measure: '… a browser laptop’s note (key pressed) → in the others’ docs',
      unit: 'ms',
      samples: r.latency.fromPages,
      pooled: true,
    },
    {
      group: '',
      measure: 'first to bring each note: WebRTC · relay',
      unit: '',
      samples: [],
      text: `${r.latency.via.webrtc} · ${r.latency.via.relay}${r.latency.via.other ? ` · other ${r.latency.via.other}` : ''}`,
    },
    {
      group: '',
      measure: 'every board the same on every laptop, the facilitator and the host’s disk',
      unit: '',
      samples: [],
      text: r.differing.length === 0 ? `yes, ${(r.settleMs / 1000).toFixed(1)} s after the last edit` : `NO: ${r.differing.length} copies differ`,
      goalText: 'yes',
    },
    {
      group: '',
      measure: `edits missing (of ${r.writtenNotes} notes written; each note as its writer left it)`,
      unit: '',
      samples: [],
      text: String(r.missing.length),
      goalText: '0',
    },
    {
      group: '',
      measure: `cores busy while everyone edits (of ${os.cpus().length}): whole machine · the drill’s processes · other work`,
      unit: '',
      samples: [],
      text: `${r.machine.busy.toFixed(2)} · ${r.machine.drill.toFixed(2)} · ${r.machine.others.toFixed(2)}`,
    },
    { group: '', measure: 'host’s disk after it stopped = while live', unit: '', samples: [], text: r.sameAfterStop ? 'yes' : 'NO' },
    { group: '', measure: 'notes per board at the end', unit: '', samples: r.boards.map((b) => b.notes) },
    {
      group: 'host (its own Node process)',
      measure: 'CPU while everyone edits',
      unit: '',
      samples: [],
      text: `${pct(r.host.cpuPercent)} of one core`,
    },
    { group: '', measure: 'memory (RSS)', unit: '', samples: [], text: `${mb(r.host.memoryEnd)} at the end, peak ${mb(r.host.memoryPeak)}` },
    {
      group: `Node laptops (${laptops} in ${r.peerProcesses.length} processes)`,
      measure: 'memory per laptop (process RSS ÷ its laptops)',
      unit: 'MB',
      samples: perLaptop.map((b) => b / MB),
    },
    { group: '', measure: '… of which the laptop itself (RSS growth since before joining ÷ laptops)', unit: 'MB', samples: marginal.map((b) => b / MB) },
    { group: '', measure: 'RSS per process', unit: 'MB', samples: peerRss.map((b) => b / MB) },
    { group: '', measure: 'CPU per process', unit: '%', samples: r.peerProcesses.map((p) => p.usage.cpuPercent) },
    {
      group: '',
      measure: 'event-loop delay per process while editing, p99 (max)',
      unit: '',
      samples: [],
      text: r.peerProcesses.map((p) => `${p.loopDelay.p99.toFixed(0)} (${p.loopDelay.max.toFixed(0)})`).join(' · ') + ' ms',
    },
    {
      group: '',
      measure: 'WebRTC connections per laptop on its board when editing began',
      unit: '',
      samples: [],
      text: `${Math.min(...r.webrtcAtStart)}–${Math.max(...r.webrtcAtStart)} (median ${percentile(r.webrtcAtStart, 50)}; the group has ${c.perGroup - 1} others)`,
    },
    { group: '', measure: 'join → every laptop connected', unit: '', samples: [], text: `${(r.connectMs / 1000).toFixed(1)} s` },
    {
      group: 'facilitator’s page (Alle huizen)',
      measure: 'open connections: relay sockets · signaling · WebRTC peer connections',
      unit: '',
      samples: [],
      text: `start ${connText(conn.atStart)}; peak ${connText(conn.peak)}; end ${connText(conn.atEnd)}`,
    },
    { group: '', measure: 'its Chromium while everyone edits (all its processes; memory as PSS)', unit: '', samples: [], text: usageText(r.facilitator) },
    ...r.participantPages.map((u, i): Row => ({ group: i === 0 ? 'participants’ pages (board)' : '', measure: `page ${i + 1}: its Chromium`, unit: '', samples: [], text: usageText(u) })),
  ];
}

export function drillMarkdown(r: DrillResult): string {
  const c = r.config;
  const during = r.load.during;
  const header = [
    '# Load drill',
    '',
    `${new Date().toISOString()} · ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'} · Node ${process.version} · Chromium ${r.chromium}`,
    '',
    `Load average (1 min): ${r.load.before.toFixed(2)} before · ${during.length ? `${Math.min(...during).toFixed(2)}–${Math.max(...during).toFixed(2)} while editing` : ''} · ${r.load.after.toFixed(2)} after (${os.cpus().length} cores).`,
    '',
    `One live session of ${c.groups} groups × ${c.perGroup} laptops plus the facilitator, all on this machine, on loopback. The host ` +
      `is dist/host/serve.js in its own process. The facilitator's page and ${c.browsers} participant page(s) are the built renderer, ` +
      `each its own Chromium; every other laptop is a Node laptop (@roamhq/wrtc for WebRTC, the app's connectDoc for y-webrtc + the ` +
      `relay: its group's board over both, the session doc over the relay only), one process per seat. Everyone writes their own notes ` +
      `for ${c.seconds} s: every ${c.pace.thinkMs[0] / 1000}–${c.pace.thinkMs[1] / 1000} s a new note typed letter by letter ` +
      `(${c.pace.keyMs[0]}–${c.pace.keyMs[1]} ms a key), words added to an earlier note, a typo and its backspaces, a move, a colour, a ` +
      `note deleted. Texts are the sample session's notes (seed 000). Latency is the machine clock in both processes (largest clock ` +
      `skew between the processes: ${r.clockSkewMs.toFixed(1)} ms). CPU: share of one core; ${os.cpus().length} cores are shared by everything here, ` +
      `where in a room each laptop has its own.`,
    '',
  ];
  const notes = [
    ...r.differing.map((d) => `- differs from the host's disk: ${d}`),
    ...r.missing.map((m) => `- missing: ${m}`),
    ...r.host.stderr.slice(0, 20).map((l) => `- host: ${l}`),
  ];
  return [...header, formatTable(drillRows(r)), ...(notes.length ? ['', ...notes] : [])].join('\n') + '\n';
}
