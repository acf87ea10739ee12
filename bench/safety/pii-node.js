#!/usr/bin/env node
// The PII stage as the seed's Node.js stack would run it: the same default patterns (read from
// the JSON the C++ bench writes from PiiEngine::defaultPatterns()), one JavaScript RegExp per
// pattern over each message, the same validators, overlap resolution and masking.
// Usage: node pii-node.js <corpus: one message per line> <patterns.json> [passes]
// Prints one JSON object: {"mbPerSec" (wall clock), "cpuMbPerSec", "p99Us", "messages", "bytes", "matches"}.
'use strict';
const fs = require('fs');

const [corpusPath, patternsPath, passesArg] = process.argv.slice(2);
if (!corpusPath || !patternsPath) {
  console.error('usage: node pii-node.js <corpus> <patterns.json> [passes]');
  process.exit(2);
}
const messages = fs.readFileSync(corpusPath, 'utf8').split('\n').filter((m) => m.length > 0);
const passes = Number(passesArg || 3);
const rank = { low: 0, medium: 1, high: 2, critical: 3 };

const isDigit = (c) => c >= '0' && c <= '9';
const joiner = (c) => c === '.' || c === '-' || c === ':' || c === '/';
function embeddedInNumber(s, b, e) {
  if (b > 0) {
    const p = s[b - 1];
    if (isDigit(p) || (joiner(p) && b > 1 && isDigit(s[b - 2]))) return true;
  }
  if (e < s.length) {
    const n = s[e];
    if (isDigit(n) || (joiner(n) && e + 1 < s.length && isDigit(s[e + 1]))) return true;
  }
  return false;
}
const digitsOf = (v) => v.replace(/\D/g, '');
function luhn(d) {
  let sum = 0;
  let dbl = false;
  for (let i = d.length - 1; i >= 0; --i) {
    let x = d.charCodeAt(i) - 48;
    if (dbl) { x *= 2; if (x > 9) x -= 9; }
    sum += x;
    dbl = !dbl;
  }
  return sum % 10 === 0;
}
const provinces = new Set([1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33, 34, 35, 36,
  37, 38, 40, 42, 44, 45, 46, 48, 49, 51, 52, 54, 56, 58, 60, 62, 64, 66, 67, 68, 70, 72, 74, 75, 77, 79, 80, 82, 83, 84,
  86, 87, 89, 91, 92, 93, 94, 95, 96]);
const keyWords = ['key', 'token', 'secret', 'passw', 'bearer', 'auth', 'credential'];
const prefixes = ['sk-', 'pk-', 'rk-', 'ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'xox', 'AKIA', 'eyJ'];
const fileExts = new Set(['png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'bmp', 'ico', 'css', 'js']);

function validSecret(s, b, e) {
  if ((b > 0 && s[b - 1] === '@') || s[e] === '@') return false;
  const v = s.slice(b, e);
  if (prefixes.some((p) => v.startsWith(p))) return true;
  const hex = /^[0-9a-fA-F]+$/.test(v);
  const uuid = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(v);
  if ((hex && [32, 40, 64, 128].includes(v.length)) || uuid) {
    const before = s.slice(Math.max(0, b - 32), b).toLowerCase();
    return keyWords.some((w) => before.includes(w));
  }
  const segments = v.split(/[-_]/);
  if (segments.length >= 2 && segments.every((seg) => /^[a-z]*[0-9]*[a-z]*$/.test(seg))) return false;
  let digits = 0, upper = 0, lower = 0;
  for (const c of v) {
    if (isDigit(c)) ++digits; else if (c >= 'A' && c <= 'Z') ++upper; else if (c >= 'a' && c <= 'z') ++lower;
  }
  if (upper + lower === 0) return false;
  if (digits > 0) return true;
  const ratio = upper / (upper + lower);
  return ratio >= 0.25 && ratio <= 0.75;
}

const validators = {
  '': () => true,
  numeric: (s, b, e) => !embeddedInNumber(s, b, e),
  luhn: (s, b, e) => {
    if (embeddedInNumber(s, b, e)) return false;
    const d = digitsOf(s.slice(b, e));
    return d.length >= 13 && d.length <= 19 && !/^(\d)\1*$/.test(d) && luhn(d);
  },
  ssn: (s, b, e) => {
    if (embeddedInNumber(s, b, e)) return false;
    const d = digitsOf(s.slice(b, e));
    const area = Number(d.slice(0, 3));
    return d.length === 9 && area !== 0 && area !== 666 && area < 900 && d.slice(3, 5) !== '00' && d.slice(5) !== '0000';
  },
  cccd: (s, b, e) => {
    if (embeddedInNumber(s, b, e)) return false;
    const d = digitsOf(s.slice(b, e));
    return d.length === 12 && provinces.has(Number(d.slice(0, 3)));
  },
  secret: validSecret,
  email: (s, b, e) => !fileExts.has(s.slice(b, e).split('.').pop().toLowerCase()),
};

const patterns = JSON.parse(fs.readFileSync(patternsPath, 'utf8')).map((p) => ({
  id: p.patternId,
  re: new RegExp(p.regex, 'g' + (p.flags || '').replace(/[gu]/g, '')),
  rank: rank[p.severity] ?? 1,
  validate: validators[p.validator || ''],
  maskChar: p.maskChar || '*',
}));

function processMessage(text) {
  const found = [];
  for (const p of patterns) {
    p.re.lastIndex = 0;
    let m;
    while ((m = p.re.exec(text)) !== null) {
      if (m[0].length === 0) { p.re.lastIndex++; continue; }
      const b = m.index;
      const e = b + m[0].length;
      if (p.validate(text, b, e)) found.push({ p, b, e });
    }
  }
  if (found.length === 0) return { text, matches: 0 };
  found.sort((x, y) => y.p.rank - x.p.rank || (y.e - y.b) - (x.e - x.b) || x.b - y.b);
  const kept = [];
  for (const c of found) {
    if (!kept.some((k) => k.b < c.e && c.b < k.e)) kept.push(c);
  }
  kept.sort((x, y) => x.b - y.b);
  let out = '';
  let pos = 0;
  for (const k of kept) {
    out += text.slice(pos, k.b) + k.p.maskChar.repeat([...text.slice(k.b, k.e)].length);
    pos = k.e;
  }
  return { text: out + text.slice(pos), matches: kept.length };
}

const bytes = messages.reduce((n, m) => n + Buffer.byteLength(m, 'utf8'), 0);
let matches = 0;
for (const m of messages) matches += processMessage(m).matches; // warm-up: lets V8 optimise
let best = null;
for (let pass = 0; pass < passes; ++pass) {
  const latencies = new Float64Array(messages.length);
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let i = 0; i < messages.length; ++i) {
    const t0 = process.hrtime.bigint();
    processMessage(messages[i]);
    latencies[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  latencies.sort();
  const result = {
    mbPerSec: bytes / 1e6 / seconds,
    // CPU time of the whole process: V8's GC and compiler threads count, as they use the core too.
    cpuMbPerSec: bytes / 1e6 / cpuSeconds,
    p99Us: latencies[Math.floor(latencies.length * 0.99)],
  };
  if (!best || result.cpuMbPerSec > best.cpuMbPerSec) best = result;
}
console.log(JSON.stringify({ ...best, messages: messages.length, bytes, matches }));
