// Socket.io side of bench/chat-fanout: a BENCH DOUBLE agent, the same script as
// aiops-bench-scripted-agent (scripted_agent.cpp): every user.message is answered at once with
// AIOPS_BENCH_DELTAS (default 8) agent.messageDelta events and one agent.message, all with
// metadata.replyTo = the user messageId. No LLM.
//
//   node socketio_agent.js URL
'use strict';
const { io } = require('socket.io-client');

const url = process.argv[2];
if (!url) {
  console.error('usage: node socketio_agent.js URL');
  process.exit(2);
}
const parsed = Number.parseInt(process.env.AIOPS_BENCH_DELTAS ?? '8', 10);
const deltas = Number.isNaN(parsed) || parsed < 0 ? 8 : parsed;
const agentId = 'agent-socketio';
const socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
let replies = 0;

socket.on('connect', () => {
  socket.emit('agent.register', {
    type: 'agent.register', agentId, status: 'ready', capabilities: ['chat'], toolsConnected: [], timestamp: Date.now(),
  });
  console.log('registered');
});
socket.on('disconnect', () => process.exit(1));
socket.on('user.message', (msg) => {
  const replyTo = msg.messageId;
  const messageId = `msg-agent-${++replies}`;
  let content = '';
  for (let i = 0; i < deltas; i++) {
    const delta = `token-${String(i).padStart(2, '0')} `;
    content += delta;
    socket.emit('agent.event', {
      conversationId: msg.conversationId, delta, messageId, metadata: { replyTo }, timestamp: Date.now(),
      type: 'agent.messageDelta',
    });
  }
  socket.emit('agent.event', {
    content,
    conversationId: msg.conversationId,
    messageId,
    metadata: {
      latencyMs: 0, model: 'scripted', provider: 'bench', replyTo,
      usage: { completionTokens: deltas, promptTokens: 0 },
    },
    timestamp: Date.now(),
    type: 'agent.message',
  });
});
