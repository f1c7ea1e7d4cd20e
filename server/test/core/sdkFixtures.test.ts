/**
 * Data-driven SDK fixtures: every folder under server/test/fixtures/sdks/ is one small project.
 * Each tracking call the detection must find carries a trailing comment on the line where the
 * call starts:
 *
 *   analytics.track('Order Completed', { order_id }); // expect: segment track "Order Completed" [order_id] via=trackEvent
 *
 * `<sdk> <kind> <event>` are required; event is a JSON string, `-` (none: also the SDK call inside a
 * wrapper that forwards its parameter) or `?` (dynamic);
 * `[k1,k2]` (property or trait keys, in any order) and `via=<name>` are checked when given,
 * `technique=<id>` too. Every call found must be expected and every expectation found, so
 * look-alikes that must not match are simply lines without an `expect:` comment.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { detect } from '../helpers/detect';
import type { TrackingCall } from '../../src/core/types';

function findFixtures(): string {
  for (let d = __dirname; d !== path.dirname(d); d = path.dirname(d)) {
    const p = path.join(d, 'server/test/fixtures/sdks');
    try {
      if (statSync(p).isDirectory()) return p;
    } catch {
      // keep looking upwards
    }
  }
  throw new Error('server/test/fixtures/sdks not found');
}
const ROOT_DIR = process.env.PRIVET_SDK_FIXTURES ?? findFixtures();

interface Expectation {
  file: string;
  line: number;
  sdk: string;
  kind: string;
  event: string | null | '?';
  props?: string[];
  via?: string;
  technique?: string;
  raw: string;
}

function walk(dir: string, base = dir): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p, base));
    else out.push(path.relative(base, p).split(path.sep).join('/'));
  }
  return out;
}

const EXPECT = /\/\/\s*expect:\s*(\S+)\s+(\S+)\s+("(?:[^"\\]|\\.)*"|-|\?)(?:\s+\[([^\]]*)\])?((?:\s+\w+=\S+)*)\s*$/;

export function parseExpectations(file: string, text: string): Expectation[] {
  const out: Expectation[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const m = EXPECT.exec(line);
    if (!m) {
      if (/\/\/\s*expect:/.test(line)) throw new Error(`${file}:${i + 1}: malformed expect comment: ${line.trim()}`);
      return;
    }
    const e: Expectation = { file, line: i, sdk: m[1], kind: m[2], event: m[3] === '-' ? null : m[3] === '?' ? '?' : JSON.parse(m[3]), raw: line.trim() };
    if (m[4] !== undefined) e.props = m[4].split(',').map((s) => s.trim()).filter(Boolean);
    for (const kv of (m[5] ?? '').trim().split(/\s+/).filter(Boolean)) {
      const [k, v] = kv.split('=');
      if (k === 'via') e.via = v;
      else if (k === 'technique') e.technique = v;
    }
    out.push(e);
  });
  return out;
}

function describeCall(c: TrackingCall): string {
  return `${c.file}:${c.range.start.line + 1} ${c.sdk} ${c.kind} ${c.event === null ? (c.eventDynamic ? '?' : '-') : JSON.stringify(c.event)} [${c.properties.map((p) => p.key).join(',')}]${c.via ? ` via=${c.via}` : ''}${c.technique ? ` technique=${c.technique}` : ''}`;
}

function matches(e: Expectation, c: TrackingCall): boolean {
  if (c.file !== e.file || c.range.start.line !== e.line || c.sdk !== e.sdk || c.kind !== e.kind) return false;
  if (e.event === '?') {
    if (!(c.event === null && c.eventDynamic)) return false;
  } else if (c.event !== e.event || (e.event === null && c.eventDynamic)) return false;
  if (e.props && [...e.props].sort().join(',') !== c.properties.map((p) => p.key).sort().join(',')) return false;
  if (e.via !== undefined && c.via !== e.via) return false;
  if (e.technique !== undefined && c.technique !== e.technique) return false;
  return true;
}

const SOURCE = /\.(?:[cm]?[jt]sx?)$/;

suite('SDK fixtures', () => {
  const dirs = readdirSync(ROOT_DIR).filter((d) => statSync(path.join(ROOT_DIR, d)).isDirectory()).sort();
  test('there are fixtures', () => assert.ok(dirs.length > 0));
  for (const dir of dirs) {
    test(dir, async () => {
      const files: Record<string, string> = {};
      const config: Record<string, string> = {};
      for (const rel of walk(path.join(ROOT_DIR, dir))) {
        const text = readFileSync(path.join(ROOT_DIR, dir, rel), 'utf8');
        if (SOURCE.test(rel)) files[rel] = text;
        else config[rel] = text;
      }
      const expected = Object.entries(files).flatMap(([f, t]) => parseExpectations(f, t));
      const calls = await detect(files, { config });
      const unmatched = [...calls];
      const missing: Expectation[] = [];
      for (const e of expected) {
        const i = unmatched.findIndex((c) => matches(e, c));
        if (i >= 0) unmatched.splice(i, 1);
        else missing.push(e);
      }
      const problems = [
        ...missing.map((e) => `missing  ${e.file}:${e.line + 1} ${e.raw}\n         found there: ${calls.filter((c) => c.file === e.file && c.range.start.line === e.line).map(describeCall).join(' | ') || 'nothing'}`),
        ...unmatched.map((c) => `unexpected ${describeCall(c)}`),
      ];
      assert.equal(problems.length, 0, `\n${problems.join('\n')}`);
    });
  }
});
