// Socket.io 4 side of bench/chat-fanout: the same conversation-room fan-out as the controller's
// /ws/system + /ws/agent, with nothing else (no store, no PII/guardrails, no token check per
// connection). Users join a room (user.joinConversation, acknowledged) and send user.message; the
// server broadcasts the user message to the room and forwards it to the registered agent
// (socketio_agent.js); every agent.* event the agent emits is broadcast to the room. Event objects
// carry the same fields as the controller's frames.
//
//   node socketio_server.js [PORT]     prints "listening PORT" once it accepts connections
'use strict';
const http = require('http');
const { Server } = require('socket.io');

const httpServer = http.createServer();
const io = new Server(httpServer, {
  serveClient: false,
  transports: ['websocket'], // the controller has no long-polling either
  perMessageDeflate: false,
  maxHttpBufferSize: 1024 * 1024,
});

let agent = null; // { socket, agentId }

io.on('connection', (socket) => {
  socket.data.userId = `user-${socket.id}`;

  socket.on('agent.register', (msg) => {
    agent = { socket, agentId: String(msg.agentId || 'agent-socketio') };
    socket.on('disconnect', () => {
      if (agent && agent.socket === socket) agent = null;
    });
  });

  socket.on('user.joinConversation', (msg, ack) => {
    const conversationId = String(msg && msg.conversationId);
    socket.join(conversationId);
    if (typeof ack === 'function') {
      ack({
        type: 'system.conversationJoined',
        conversationId,
        agentId: agent ? agent.agentId : '',
        roomId: agent ? `room:agent-${agent.agentId}` : '',
        requestId: msg.requestId,
        timestamp: Date.now(),
      });
    }
  });

  socket.on('user.message', (msg) => {
    if (!msg || typeof msg.conversationId !== 'string' || !socket.rooms.has(msg.conversationId)) {
      socket.emit('system.error', { errorCode: 'CONFLICT', message: 'Join the conversation first' });
      return;
    }
    if (!agent) {
      socket.emit('system.error', { errorCode: 'UNAVAILABLE', message: 'No agent' });
      return;
    }
    const event = {
      agentId: agent.agentId,
      content: String(msg.content),
      conversationId: msg.conversationId,
      messageId: String(msg.messageId),
      timestamp: Date.now(),
      type: 'user.message',
      userId: socket.data.userId,
    };
    io.to(msg.conversationId).emit('event', event);
    agent.socket.emit('user.message', { ...event, metadata: { history: [] } });
  });

  socket.on('agent.event', (msg) => {
    if (!agent || agent.socket !== socket || !msg || typeof msg.conversationId !== 'string') return;
    msg.agentId = agent.agentId;
    if (typeof msg.timestamp !== 'number') msg.timestamp = Date.now();
    io.to(msg.conversationId).emit('event', msg);
  });
});

httpServer.listen(Number(process.argv[2] || 0), '127.0.0.1', () => {
  console.log(`listening ${httpServer.address().port}`);
});
