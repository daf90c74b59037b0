/** Pure pieces of the emulator's FC service: region rule, checksum, cpu defaults, validation, log tail. */
import { resolveFcRegion } from '../../emulator/fc/region';
import { crc64Ecma } from '../../emulator/fc/code';
import { defaultCpu, parseCreateInput, validateCpu } from '../../emulator/fc/validate';
import { logTail } from '../../emulator/fc/invoke';
import { FcState } from '../../emulator/fc/state';

describe('resolveFcRegion', () => {
  test.each([
    [{ host: '1234567890123456.cn-shanghai.fc.aliyuncs.com' }, undefined, 'cn-shanghai'],
    [{ host: '1234567890123456.cn-shanghai-internal.fc.aliyuncs.com' }, undefined, 'cn-shanghai'],
    [{ host: 'fcv3.ap-southeast-1.aliyuncs.com' }, undefined, 'ap-southeast-1'],
    [{ host: '127.0.0.1:9003' }, 'cn-qingdao', 'cn-qingdao'],
    [{ host: '127.0.0.1' }, 'cn-shanghai', 'cn-shanghai'],
  ])('%j on the endpoint of %s -> %s', (headers, endpointRegion, region) => {
    expect(resolveFcRegion(headers, endpointRegion)).toBe(region);
  });

  test('the shared endpoint names no FC region: x-fc-region is not a way to name one', () => {
    expect(() => resolveFcRegion({ host: '127.0.0.1:9000', 'x-fc-region': 'cn-shenzhen' })).toThrow(/serves no Function Compute region/);
    expect(() => resolveFcRegion({ host: '127.0.0.1:9000' })).toThrow(expect.objectContaining({ status: 400, code: 'PathNotSupported' }));
  });
});

describe('crc64Ecma', () => {
  test('matches the CRC-64/XZ check value', () => {
    expect(crc64Ecma(Buffer.from('123456789'))).toBe(BigInt('0x995DC9BBDF1939FA').toString());
    expect(crc64Ecma(Buffer.alloc(0))).toBe('0');
  });
});

describe('cpu', () => {
  test.each([[128, 0.05], [512, 0.15], [2048, 0.5], [4096, 1]])('default for %i MB is %d vCPU', (memory, cpu) => {
    expect(defaultCpu(memory)).toBe(cpu);
    expect(() => validateCpu(cpu, memory)).not.toThrow();
  });

  test('rejects a cpu that is not a multiple of 0.05 or outside the 1:1..1:4 ratio', () => {
    expect(() => validateCpu(0.07, 128)).toThrow(/multiple of 0.05/);
    expect(() => validateCpu(1, 512)).toThrow(/ratio/);
    expect(() => validateCpu(0.1, 1024)).toThrow(/ratio/);
  });
});

describe('parseCreateInput', () => {
  const zipFile = Buffer.from('PK\u0003\u0004rest').toString('base64');

  test('keeps only the fields given, plus echoed extras', () => {
    const input = parseCreateInput({ functionName: 'f', runtime: 'nodejs20', handler: 'index.h', code: { zipFile }, logConfig: { project: 'p' }, unknown: 1 });
    expect(input.config).toEqual({ runtime: 'nodejs20', handler: 'index.h', extra: { logConfig: { project: 'p' } } });
  });

  test('rejects code that is not a zip', () => {
    expect(() => parseCreateInput({ functionName: 'f', runtime: 'nodejs20', handler: 'index.h', code: { zipFile: 'aGVsbG8=' } }))
      .toThrow(/not a valid base64-encoded zip/);
  });
});

describe('logTail', () => {
  test('keeps the last 4 KB without splitting a UTF-8 character', () => {
    const log = `${'é'.repeat(3000)}end\n`;
    const tail = Buffer.from(logTail(log), 'base64');
    expect(tail.length).toBeLessThanOrEqual(4096);
    expect(tail.toString('utf8').endsWith('end\n')).toBe(true);
    expect(tail.toString('utf8')).not.toContain('\uFFFD');
  });
});

describe('FcState.waitForInvocation', () => {
  test('resolves when a running invocation finishes', async () => {
    const state = new FcState('1');
    state.recordInvocation({ requestId: 'r1', region: 'cn-hangzhou', functionName: 'f', invocationType: 'Async', status: 'Running', log: '' });
    const waiting = state.waitForInvocation('r1');
    state.finishInvocation('r1', { status: 'Succeeded', body: Buffer.from('ok') });
    expect((await waiting).body?.toString()).toBe('ok');
  });
});
