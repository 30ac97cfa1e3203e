/**
 * Command-line options: numbers are checked (an empty value is an error, not "absent" or zero), a
 * tolerance of 0 is allowed, and a rate scale that leaves nothing to send is refused.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseLoadArgs, UsageError } from './args.ts';
import { LoadRefused, runLoad } from './run.ts';

const parse = (...args: string[]) => parseLoadArgs(['--scenario', 'createLinks', ...args], {});

describe('load CLI options', () => {
  it('accepts a tolerance of 0 and rejects a negative one', () => {
    const options = parse('--tolerance', '0');
    assert.ok(options !== 'help' && options.tolerance === 0);
    assert.throws(() => parse('--tolerance=-0.1'), UsageError);
  });

  it('rejects empty and non-numeric values instead of ignoring them', () => {
    for (const name of ['--max-requests', '--max-duration', '--tolerance', '--rate-scale', '--timeout']) {
      assert.throws(() => parse(name, ''), UsageError, `${name} ''`);
      assert.throws(() => parse(name, ' '), UsageError, `${name} ' '`);
      assert.throws(() => parse(name, 'x'), UsageError, `${name} x`);
    }
    const options = parse('--max-requests', '10', '--max-duration', '20');
    assert.ok(options !== 'help');
    assert.deepEqual(options.bounds, { maxRequests: 10, maxDurationS: 20 });
  });

  it('bounds the body cap and the timeout to what the engine can keep', () => {
    const options = parse('--max-body-bytes', '4096', '--timeout', '1');
    assert.ok(options !== 'help' && options.maxBodyBytes === 4096 && options.timeoutS === 1);
    assert.throws(() => parse('--max-body-bytes', String(2 * 1024 * 1024)), /up to 1048576/);
    assert.throws(() => parse('--max-body-bytes', '1.5'), /whole number/);
    assert.throws(() => parse('--timeout', '0.5'), /at least 1/);
  });

  it('refuses a rate scale that rounds the rates to nothing, before connecting', async () => {
    await assert.rejects(
      runLoad({ scenario: 'createLinks', profile: 'smoke', rateScale: 0.01, baseUrl: 'http://127.0.0.1:9' }),
      (error) => error instanceof LoadRefused && /rounds to 0/.test(error.message),
    );
    const silent = {
      name: 'smoke',
      description: 'nothing to send',
      startRate: 0,
      stages: [{ duration: 5, target: 0 }],
      preAllocatedVUs: 1,
      maxVUs: 1,
      abortOnLatency: false,
      abortOnErrors: false,
    } as const;
    await assert.rejects(
      runLoad({ scenario: 'createLinks', profile: { ...silent, stages: [...silent.stages] } }),
      (error) => error instanceof LoadRefused && /plans no request/.test(error.message),
    );
  });
});
