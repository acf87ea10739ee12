#!/usr/bin/env node
// The other direction of the cross-check: jsonwebtoken verifies a token minted by our JwtSigner.
//
// usage: node verify.js <token> <hmacSecretBase64> <audience> <nowSeconds>
// exit 0 and {"header": ..., "payload": ...} on stdout when jsonwebtoken accepts the token;
// exit 1 and the reason on stderr when it refuses it.
'use strict';

const jwt = require('jsonwebtoken');

const [token, secretB64, audience, nowArg] = process.argv.slice(2);
if (!token || !secretB64 || !audience || !nowArg) {
  console.error('usage: node verify.js <token> <hmacSecretBase64> <audience> <nowSeconds>');
  process.exit(2);
}

try {
  const decoded = jwt.verify(token, Buffer.from(secretB64, 'base64'), {
    algorithms: ['HS256'],
    audience,
    clockTimestamp: Number(nowArg),
    complete: true,
  });
  process.stdout.write(JSON.stringify({ header: decoded.header, payload: decoded.payload }));
} catch (e) {
  console.error(`jsonwebtoken refused the token: ${e.name}: ${e.message}`);
  process.exit(1);
}
