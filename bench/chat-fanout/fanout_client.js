// The node clients of bench/chat-fanout, the same driver for both servers so that only the server
// differs: N clients join one conversation room; client 0 sends M user messages (after T unmeasured
// warm-up turns) with at most W turns in flight; every client timestamps every frame of the room.
//   --protocol socket.io   socket.io-client against socketio_server.js (events named "event")
//   --protocol aiops       plain WebSocket (ws, the engine socket.io-client uses too) against the
//                          controller's /ws/system, "Authorization: Bearer TOKEN", the seed's user.* frames
// Prints a RESULT line (see chat_fanout_bench.cpp for the fields); latency = receive time minus the
// send time of the user message that the agent frame answers (metadata.replyTo).
//
//   node fanout_client.js --protocol socket.io|aiops --url URL [--token T --agent AGENT_ID]
//        [--clients 50] [--turns 2000] [--window 8] [--deltas 8] [--warmup T] [--side NAME]
//        [--server-pid PID] [--agent-pid PID]     CPU seconds they spend while measuring
'use strict';
const { io } = require('socket.io-client');
const WebSocket = require('ws');

const args = process.argv.slice(2);
const text = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && at + 1 < args.length ? args[at + 1] : fallback;
};
const number = (name, fallback) => Number.parseInt(text(name, String(fallback)), 10);
const protocol = text('protocol', '');
const url = text('url', '');
const token = text('token', '');
const agentId = text('agent', '');
const clients = Math.max(1, number('clients', 50));
const turns = Math.max(1, number('turns', 2000));
const window = Math.max(1, number('window', 8));
const deltas = Math.max(0, number('deltas', 8));
const warmup = Math.max(0, number('warmup', Math.floor(turns / 10)));
const side = text('side', protocol === 'aiops' ? 'ours-node' : 'socket.io');
// CPU seconds the server (and the agent) spend in the measured interval, from /proc/PID/stat: a
// figure that a busy shared machine disturbs less than wall-clock throughput.
const serverPid = number('server-pid', 0);
const agentPid = number('agent-pid', 0);
const CLOCK_TICKS = 100; // USER_HZ on Linux
function cpuSeconds(pid) {
  if (!pid) return NaN;
  try {
    const stat = require('fs').readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS; // utime, stime
  } catch {
    return NaN;
  }
}
let serverCpu0 = NaN;
let agentCpu0 = NaN;
const die = (message) => {
  console.error(`fanout_client: ${message}`);
  process.exit(1);
};
if (!url || (protocol !== 'socket.io' && protocol !== 'aiops') || (protocol === 'aiops' && !token)) {
  die('usage: node fanout_client.js --protocol socket.io|aiops --url URL [--token T --agent ID] [--clients N] ...');
}

const total = warmup + turns;
const conversationId = 'conv-bench-fanout';
const sentNs = new Array(total).fill(0n);
const finals = new Int32Array(total);
const latencies = []; // us
let measuredFrames = 0;
let measuredBytes = 0;
let sent = 0;
let completed = 0;
let inFlight = 0;
let startNs = 0n;
let endNs = 0n;
let serverCpu = NaN;
let agentCpu = NaN;
const now = () => process.hrtime.bigint();
const turnOf = (id) => (typeof id === 'string' && id.startsWith('u-') ? Number.parseInt(id.slice(2), 10) : -1);
let finish;
const done = new Promise((resolve) => { finish = resolve; });

// One client: send(object), joined (a promise) and the frames go to onEvent(event, bytes).
function socketIoClient(index) {
  const s = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
  s.on('event', (event) => onEvent(event, 0));
  s.on('system.error', (e) => die(`client got an error: ${JSON.stringify(e)}`));
  s.on('disconnect', (reason) => { if (completed < total) die(`a client was disconnected: ${reason}`); });
  const connected = new Promise((resolve, reject) => { s.once('connect', resolve); s.once('connect_error', reject); });
  return {
    send: (message) => s.emit(message.type, message),
    join: async (message) => { await connected; await s.emitWithAck(message.type, message); },
    close: () => s.close(),
  };
}

function aiopsClient(index) {
  const ws = new WebSocket(url, { headers: { Authorization: `Bearer ${token}` }, perMessageDeflate: false });
  let joined;
  const joinedPromise = new Promise((resolve) => { joined = resolve; });
  ws.on('message', (data) => {
    const event = JSON.parse(data);
    if (event.type === 'system.conversationJoined') joined();
    else if (event.type === 'system.error' || event.type === 'error') die(`client got an error: ${data}`);
    else onEvent(event, data.length);
  });
  ws.on('close', (code, reason) => { if (completed < total) die(`a client was disconnected: ${code} ${reason}`); });
  ws.on('error', (e) => die(`client ${index}: ${e}`));
  const connected = new Promise((resolve) => ws.once('open', resolve));
  return {
    send: (message) => ws.send(JSON.stringify(message)),
    join: async (message) => { await connected; ws.send(JSON.stringify(message)); await joinedPromise; },
    close: () => ws.close(),
  };
}

const sockets = [];

function sendNext() {
  while (inFlight < window && sent < total) {
    const turn = sent++;
    if (turn === warmup) {
      startNs = now();
      serverCpu0 = cpuSeconds(serverPid);
      agentCpu0 = cpuSeconds(agentPid);
    }
    sentNs[turn] = now();
    ++inFlight;
    sockets[0].send({
      type: 'user.message', conversationId, messageId: `u-${turn}`, content: `How is GPU ${turn % 8} doing?`,
      timestamp: Date.now(),
    });
  }
}

// bytes: the frame's size where the transport tells it (ws), else measured on a sample (socket.io
// frames are `42["event",{...}]`; the stringify costs, so only the first 2000).
let sampled = 0;
function weigh(event, bytes) {
  if (bytes > 0) {
    measuredBytes += bytes;
  } else if (sampled < 2000) {
    measuredBytes += JSON.stringify(['event', event]).length + 2;
    ++sampled;
  }
}

function onEvent(event, bytes) {
  const t = now();
  const type = event.type;
  if (typeof type === 'string' && type.startsWith('agent.')) {
    const turn = turnOf(event.metadata && event.metadata.replyTo);
    if (turn < 0 || turn >= total) {
      die(`an agent frame without a known replyTo: ${JSON.stringify(event).slice(0, 300)}`);
    }
    if (turn >= warmup) {
      latencies.push(Number((t - sentNs[turn]) / 1000n));
      ++measuredFrames;
      weigh(event, bytes);
    }
    if (type === 'agent.message' && ++finals[turn] === clients) {
      ++completed;
      --inFlight;
      if (completed === total) {
        endNs = t;
        serverCpu = cpuSeconds(serverPid) - serverCpu0;
        agentCpu = cpuSeconds(agentPid) - agentCpu0;
        finish();
      } else {
        sendNext();
      }
    }
    return;
  }
  if (type === 'user.message' && turnOf(event.messageId) >= warmup) {
    ++measuredFrames;
    weigh(event, bytes);
  }
}

async function main() {
  for (let i = 0; i < clients; i++) sockets.push(protocol === 'aiops' ? aiopsClient(i) : socketIoClient(i));
  const join = (i) => {
    const message = { type: 'user.joinConversation', conversationId, requestId: `join-${i}` };
    if (i === 0 && agentId) message.agentId = agentId; // creates the conversation on the controller
    return sockets[i].join(message);
  };
  await join(0);
  await Promise.all(sockets.slice(1).map((_, i) => join(i + 1)));
  sendNext();
  const timer = setTimeout(() => die(`stalled: ${completed} of ${total} turns answered`), 120000 + total * 50);
  await done;
  clearTimeout(timer);
  const expected = turns * clients * (deltas + 2);
  for (let i = 0; i < 250 && measuredFrames < expected; i++) await new Promise((r) => setTimeout(r, 20));
  if (measuredFrames !== expected) die(`delivered ${measuredFrames} room frames, expected ${expected}`);
  const seconds = Number(endNs - startNs) / 1e9;
  const sorted = Float64Array.from(latencies).sort();
  const pct = (p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : 0);
  const weighed = sampled > 0 ? sampled : measuredFrames;
  console.log(`RESULT side=${side} clients=${clients} turns=${turns} window=${window} deltas=${deltas} `
    + `seconds=${seconds.toFixed(3)} frames=${measuredFrames} frames_per_s=${(measuredFrames / seconds).toFixed(0)} `
    + `turns_per_s=${(turns / seconds).toFixed(1)} p50_us=${pct(0.5).toFixed(0)} p99_us=${pct(0.99).toFixed(0)} `
    + `bytes_per_frame=${(measuredBytes / Math.max(1, weighed)).toFixed(0)} `
    + `server_cpu_s=${serverCpu.toFixed(2)} agent_cpu_s=${agentCpu.toFixed(2)} `
    + `frames_per_server_cpu_s=${(measuredFrames / serverCpu).toFixed(0)}`);
  for (const s of sockets) s.close();
  process.exit(0);
}

main().catch((e) => die(String(e && e.stack ? e.stack : e)));
