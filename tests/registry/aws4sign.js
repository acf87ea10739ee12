#!/usr/bin/env node
// Plays the reference signer for TestSigV4: signs each request it is given with the npm `aws4`
// package (tests/peers) and prints what aws4 produced.
//
// usage: node aws4sign.js < cases.json
// cases.json: {"credentials": {accessKeyId, secretAccessKey, sessionToken?}, "region": "...",
//              "cases": [{name, service, method, host, path, query: [[key, value]...], headers: {},
//                         body?, sessionToken?, amzDate, signQuery?, expires?}]}
// prints {"<name>": {"authorization": "...", "canonical": "...", "path": "..."}} on stdout.
'use strict';

const querystring = require('node:querystring');
const aws4 = require('aws4');

const input = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
const out = {};
for (const c of input.cases) {
  // querystring.stringify percent-encodes '+', ' ', '=' and '&', so aws4's querystring.parse
  // gives back exactly the decoded pairs the C++ side signs.
  const pieces = c.query.map(([k, v]) => querystring.escape(k) + '=' + querystring.escape(v));
  if (c.signQuery) {
    pieces.push('X-Amz-Date=' + c.amzDate);
    pieces.push('X-Amz-Expires=' + c.expires);
  }
  const request = {
    service: c.service,
    region: input.region,
    method: c.method,
    host: c.host,
    path: c.path + (pieces.length ? '?' + pieces.join('&') : ''),
    headers: Object.assign({}, c.headers),
    signQuery: !!c.signQuery,
  };
  if (c.body !== undefined) request.body = c.body;
  if (!c.signQuery) request.headers['X-Amz-Date'] = c.amzDate;

  const credentials = Object.assign({}, input.credentials);
  if (c.sessionToken) credentials.sessionToken = c.sessionToken;
  const signer = new aws4.RequestSigner(request, credentials);
  const canonical = signer.canonicalString();
  signer.sign();
  out[c.name] = {
    authorization: signer.request.headers.Authorization || '',
    canonical: canonical,
    path: signer.request.path,
  };
}
process.stdout.write(JSON.stringify(out));
