#!/usr/bin/env node
// Plays a real external token issuer for TestJwt: mints tokens with the npm `jsonwebtoken` library
// (plus a few hand-assembled malformed ones) and writes the issuer's JWKS.
//
// usage: node mint.js <hmacSecretBase64> <nowSeconds> <outDir>
// writes <outDir>/jwks.json (rsa-1, ec-1 and keys the verifier must skip) and
//        <outDir>/jwks-rsa-only.json; prints {"tokens": {name: token}} on stdout.
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const jwt = require('jsonwebtoken');

const [secretB64, nowArg, outDir] = process.argv.slice(2);
if (!secretB64 || !nowArg || !outDir) {
  console.error('usage: node mint.js <hmacSecretBase64> <nowSeconds> <outDir>');
  process.exit(2);
}
const secret = Buffer.from(secretB64, 'base64');
const now = Number(nowArg);
const aud = 'aiops';

const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const rsaAttacker = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
const ecP384 = crypto.generateKeyPairSync('ec', { namedCurve: 'P-384' });
const rsaEnc = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });

const rsaJwk = { ...rsa.publicKey.export({ format: 'jwk' }), kid: 'rsa-1', use: 'sig', alg: 'RS256' };
const ecJwk = { ...ec.publicKey.export({ format: 'jwk' }), kid: 'ec-1', use: 'sig', alg: 'ES256' };
const skipped = [
  { kty: 'oct', kid: 'oct-1', k: secret.toString('base64url') },
  { ...ecP384.publicKey.export({ format: 'jwk' }), kid: 'ec-384' },
  { ...rsaEnc.publicKey.export({ format: 'jwk' }), kid: 'rsa-enc', use: 'enc' },
];
fs.writeFileSync(path.join(outDir, 'jwks.json'), JSON.stringify({ keys: [rsaJwk, ecJwk, ...skipped] }));
fs.writeFileSync(path.join(outDir, 'jwks-rsa-only.json'), JSON.stringify({ keys: [rsaJwk] }));

const claims = (extra = {}) => ({
  sub: 'user-42',
  orgId: 'org-7',
  roles: ['operator', 'viewer'],
  aud,
  jti: 'jti-1',
  iss: 'https://issuer.example',
  typ: 'access',
  iat: now,
  exp: now + 900,
  ...extra,
});
const without = (name) => {
  const c = claims();
  delete c[name];
  return c;
};

const hs = (payload, opts = {}) => jwt.sign(payload, secret, { algorithm: 'HS256', ...opts });
const rs = (payload, opts = {}) => jwt.sign(payload, rsa.privateKey, { algorithm: 'RS256', keyid: 'rsa-1', ...opts });
const es = (payload, opts = {}) => jwt.sign(payload, ec.privateKey, { algorithm: 'ES256', keyid: 'ec-1', ...opts });

const b64 = (obj) => Buffer.from(typeof obj === 'string' ? obj : JSON.stringify(obj)).toString('base64url');
// For shapes jsonwebtoken refuses to produce (crit, non-numeric exp): a plain HMAC over the parts.
const hsRaw = (header, payloadPart) => {
  const input = `${b64(header)}.${payloadPart}`;
  return `${input}.${crypto.createHmac('sha256', secret).update(input).digest('base64url')}`;
};
const parts = (token) => token.split('.');
const replacePayload = (token, payload) => {
  const [h, , s] = parts(token);
  return `${h}.${b64(payload)}.${s}`;
};
const replaceHeader = (token, header) => {
  const [, p, s] = parts(token);
  return `${b64(header)}.${p}.${s}`;
};
// Changes a character in the middle of the signature (all 6 bits of it are significant).
const flipSignature = (token) => {
  const [h, p, s] = parts(token);
  const i = Math.floor(s.length / 2);
  return `${h}.${p}.${s.slice(0, i)}${s[i] === 'A' ? 'B' : 'A'}${s.slice(i + 1)}`;
};

const hsValid = hs(claims({ typ: 'refresh', fam: 'fam-9' }));
const rsValid = rs(claims());
const esValid = es(claims());
const rsaPem = rsa.publicKey.export({ type: 'spki', format: 'pem' });

const tokens = {
  hs256_valid: hsValid,
  rs256_valid: rsValid,
  es256_valid: esValid,
  rs256_no_kid: jwt.sign(claims(), rsa.privateKey, { algorithm: 'RS256' }),
  es256_no_kid: jwt.sign(claims(), ec.privateKey, { algorithm: 'ES256' }),
  rs256_unknown_kid: rs(claims(), { keyid: 'rsa-404' }),
  rs256_kid_of_ec_key: rs(claims(), { keyid: 'ec-1' }),
  es256_kid_of_rsa_key: es(claims(), { keyid: 'rsa-1' }),
  rs256_other_key_same_kid: jwt.sign(claims(), rsaAttacker.privateKey, { algorithm: 'RS256', keyid: 'rsa-1' }),
  alg_none: jwt.sign(claims(), undefined, { algorithm: 'none' }),
  alg_none_upper: `${b64({ alg: 'NONE', typ: 'JWT' })}.${b64(claims())}.`,
  alg_none_mixed_signed: replaceHeader(hsValid, { alg: 'nOnE', typ: 'JWT' }),
  alg_hs512: jwt.sign(claims(), secret, { algorithm: 'HS512' }),
  alg_ps256: jwt.sign(claims(), rsa.privateKey, { algorithm: 'PS256', keyid: 'rsa-1' }),
  alg_rs384: jwt.sign(claims(), rsa.privateKey, { algorithm: 'RS384', keyid: 'rsa-1' }),
  confusion_hs256_rsa_pem: jwt.sign(claims(), rsaPem, { algorithm: 'HS256', keyid: 'rsa-1' }),
  confusion_hs256_rsa_jwk: jwt.sign(claims(), JSON.stringify(rsaJwk), { algorithm: 'HS256', keyid: 'rsa-1' }),
  confusion_hs256_rsa_modulus: jwt.sign(claims(), Buffer.from(rsaJwk.n, 'base64url'), { algorithm: 'HS256' }),
  expired_beyond_leeway: hs(claims({ iat: now - 1000, exp: now - 60 })),
  expired_within_leeway: hs(claims({ iat: now - 1000, exp: now - 10 })),
  rs256_expired: rs(claims({ iat: now - 1000, exp: now - 60 })),
  exp_missing: hs(without('exp')),
  exp_not_number: hsRaw({ alg: 'HS256', typ: 'JWT' }, b64({ ...claims(), exp: String(now + 900) })),
  iat_future: hs(claims({ iat: now + 120 })),
  iat_future_within_leeway: hs(claims({ iat: now + 10 })),
  nbf_future: hs(claims({ nbf: now + 120 })),
  nbf_past: hs(claims({ nbf: now - 5 })),
  aud_wrong: hs(claims({ aud: 'other-service' })),
  aud_array_ours: rs(claims({ aud: ['other-service', aud] })),
  aud_array_not_ours: rs(claims({ aud: ['other-service', 'third'] })),
  aud_missing: hs(without('aud')),
  sub_missing: hs(without('sub')),
  sub_empty: hs(claims({ sub: '' })),
  roles_not_array: hs(claims({ roles: 'admin' })),
  crit_header: hsRaw({ alg: 'HS256', typ: 'JWT', crit: ['exp'] }, b64(claims())),
  tampered_payload_rs256: replacePayload(rsValid, claims({ roles: ['admin'] })),
  tampered_payload_hs256: replacePayload(hsValid, claims({ sub: 'user-1', typ: 'refresh', fam: 'fam-9' })),
  tampered_header_hs256: replaceHeader(hsValid, { alg: 'HS256', typ: 'JWT', kid: 'x' }),
  tampered_signature_rs256: flipSignature(rsValid),
  tampered_signature_es256: flipSignature(esValid),
  tampered_signature_hs256: flipSignature(hsValid),
  es256_der_signature: (() => {
    const input = `${b64({ alg: 'ES256', typ: 'JWT', kid: 'ec-1' })}.${b64(claims())}`;
    return `${input}.${crypto.sign('sha256', Buffer.from(input), ec.privateKey).toString('base64url')}`;
  })(),
  malformed_two_segments: parts(hsValid).slice(0, 2).join('.'),
  malformed_four_segments: `${hsValid}.${parts(hsValid)[2]}`,
  malformed_bad_char: hsValid.replace('.', '*.'),
  malformed_padding: (() => {
    const [h, p, s] = parts(hsValid);
    return `${h}.${p}.${s}=`;
  })(),
  malformed_standard_base64: (() => {
    const [h, p, s] = parts(hsValid);
    return `${h}.${p}.${Buffer.from(s, 'base64url').toString('base64')}`;
  })(),
  malformed_header_json: hsRaw('{"alg":"HS256",', b64(claims())),
  malformed_payload_not_object: hsRaw({ alg: 'HS256', typ: 'JWT' }, b64('["sub","user-42"]')),
  empty: '',
};

process.stdout.write(JSON.stringify({ tokens }));
