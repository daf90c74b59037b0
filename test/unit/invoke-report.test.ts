import { LOGS_BEGIN, LOGS_END, parseFunctionError, prettyBody, writeInvokeReport } from '../../src/invoke/report';
import type { ComponentLogger } from '../../src/logger';
import type { InvocationPlan } from '../../src/invoke/types';

function recorder(): { logger: ComponentLogger; lines: string[] } {
  const lines: string[] = [];
  const log = (level: string) => (m: string) => lines.push(`${level}:${m}`);
  return { lines, logger: { info: log('info'), warn: log('warn'), debug: log('debug'), error: log('error'), write: log('write') } };
}

const plan: InvocationPlan = { functionName: 'f', region: 'cn-hangzhou', qualifier: 'LATEST', invocationType: 'Sync' };

describe('invoke report', () => {
  it('pretty-prints JSON bodies and leaves other text alone', () => {
    expect(prettyBody('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(prettyBody('success')).toBe('success');
    expect(prettyBody('"quoted"')).toBe('"quoted"');
  });

  it('parses the FC function error body, falling back to the raw text', () => {
    expect(parseFunctionError('{"errorMessage":"m","errorType":"TypeError","stackTrace":["at a","at b"]}')).toEqual({
      errorMessage: 'm',
      errorType: 'TypeError',
      stackTrace: ['at a', 'at b'],
    });
    expect(parseFunctionError('plain')).toEqual({ errorMessage: 'plain', stackTrace: [] });
  });

  it('prints the log tail between markers, the body and the request id', () => {
    const { logger, lines } = recorder();
    writeInvokeReport(logger, plan, { statusCode: 200, requestId: 'req-1', body: Buffer.from('{"ok":true}'), logs: 'line1\nline2\n' });
    const begin = lines.indexOf(`write:${LOGS_BEGIN}`);
    expect(begin).toBeGreaterThanOrEqual(0);
    expect(lines[begin + 1]).toBe('write:line1\nline2');
    expect(lines[begin + 2]).toBe(`write:${LOGS_END}`);
    expect(lines).toContain('write:{\n  "ok": true\n}');
    expect(lines).toContain('write:RequestId: req-1');
  });

  it('prints the error type, message and stack of a failed function', () => {
    const { logger, lines } = recorder();
    const body = Buffer.from('{"errorMessage":"boom","errorType":"TypeError","stackTrace":["at x (index.js:1)"]}');
    writeInvokeReport(logger, plan, { statusCode: 200, requestId: 'r', body, errorType: 'UnhandledInvocationError' });
    const text = lines.join('\n');
    expect(text).toContain('UnhandledInvocationError');
    expect(text).toContain('Error Message: boom');
    expect(text).toContain('at x (index.js:1)');
  });

  it('async prints the request id only', () => {
    const { logger, lines } = recorder();
    writeInvokeReport(logger, { ...plan, invocationType: 'Async' }, { statusCode: 202, requestId: 'r-async', body: Buffer.alloc(0) });
    expect(lines).toContain('write:RequestId: r-async');
    expect(lines.some((l) => l.includes(LOGS_BEGIN))).toBe(false);
  });
});
