#!/usr/bin/env node
// Runs a real s3rver (tests/peers) for TestS3ObjectStore on 127.0.0.1 and a free port, storing in the
// given directory, and prints "listening <port>" once it accepts connections. It exits when its stdin
// closes, so it never outlives the test.
//
// s3rver 3.7.1 checks only the access key id of a SigV4 request, not its signature (its
// authentication middleware says "Signature version 4 calculation is unimplemented"). So that a wrong
// secret or a tampered URL is refused as S3 would, each signed request is first re-signed with the npm
// aws4 signer and refused with 403 SignatureDoesNotMatch when the signatures differ.
//
// usage: node s3rver-run.js <directory>
'use strict';

const http = require('node:http');
const aws4 = require('aws4');
const S3rver = require('s3rver');

const secrets = { S3RVER: 'S3RVER' }; // s3rver's built-in account

const directory = process.argv[2];
if (!directory) {
  process.stderr.write('usage: node s3rver-run.js <directory>\n');
  process.exit(2);
}

const headerAuth = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/\d{8}\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]+)$/;

// The signature aws4 computes for what the request says was signed, or null when s3rver itself
// should judge the request (unsigned, malformed, or an access key s3rver does not know).
function expectedHeaderSignature(req) {
  const match = headerAuth.exec(req.headers.authorization || '');
  if (!match || !(match[1] in secrets)) return null;
  const [, accessKeyId, region, signedHeaders, provided] = match;
  // Only what was signed; aws4 then takes the date from x-amz-date and adds nothing.
  const headers = {};
  for (const name of signedHeaders.split(';')) headers[name] = req.headers[name] || '';
  const signer = new aws4.RequestSigner(
    { service: 's3', region, method: req.method, host: req.headers.host, path: req.url, headers },
    { accessKeyId, secretAccessKey: secrets[accessKeyId] },
  );
  const expected = /Signature=([0-9a-f]+)$/.exec(signer.sign().headers.Authorization)[1];
  return { expected, provided, canonical: signer.canonicalString() };
}

function expectedQuerySignature(req) {
  const [path, query = ''] = req.url.split('?');
  const pieces = query.split('&');
  const params = new URLSearchParams(query);
  const credential = (params.get('X-Amz-Credential') || '').split('/');
  if (!params.has('X-Amz-Signature') || !(credential[0] in secrets)) return null;
  const unsigned = pieces.filter((p) => !p.startsWith('X-Amz-Signature=')).join('&');
  const signer = new aws4.RequestSigner(
    {
      service: 's3',
      region: credential[2],
      method: req.method,
      host: req.headers.host,
      path: path + '?' + unsigned,
      headers: { host: req.headers.host },
      signQuery: true,
    },
    { accessKeyId: credential[0], secretAccessKey: secrets[credential[0]] },
  );
  const expected = new URLSearchParams(signer.sign().path.split('?')[1]).get('X-Amz-Signature');
  return { expected, provided: params.get('X-Amz-Signature') };
}

function refuse(res, message) {
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SignatureDoesNotMatch</Code><Message>' +
    message + '</Message></Error>';
  res.writeHead(403, {
    'Content-Type': 'application/xml',
    'x-amz-error-code': 'SignatureDoesNotMatch',
    'x-amz-error-message': message,
  });
  res.end(body);
}

const s3rver = new S3rver({ directory, silent: true, vhostBuckets: false });
const handle = s3rver.callback();

const server = http.createServer((req, res) => {
  let check = null;
  try {
    check = 'authorization' in req.headers ? expectedHeaderSignature(req) : expectedQuerySignature(req);
  } catch (error) {
    return refuse(res, 'cannot verify the signature: ' + error.message);
  }
  if (check && check.expected !== check.provided) {
    // AIOPS_S3RVER_DEBUG=1: what the reference signer signed, on stderr (the test forwards it), to
    // compare with ours. Off by default: the tests refuse some requests on purpose.
    if (process.env.AIOPS_S3RVER_DEBUG) {
      const canonical = check.canonical ? 'aws4 canonical request:\n' + check.canonical + '\n' : '';
      process.stderr.write('s3rver-run: signature mismatch for ' + req.method + ' ' + req.url + '\n' + canonical);
    }
    return refuse(res, 'The request signature we calculated does not match the signature you provided.');
  }
  handle(req, res);
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write('listening ' + server.address().port + '\n');
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
