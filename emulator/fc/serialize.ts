/** The FC 3.0 `Function` response object (camelCase, as in @alicloud/fc20230330 models/Function). */
import { functionArn } from './access';
import type { FunctionRecord } from './state';

/** ISO-8601 UTC at second precision, e.g. 2023-05-01T08:15:27Z. */
export function fcTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function functionToJson(record: FunctionRecord, accountId: string): Record<string, unknown> {
  return {
    ...record.extra,
    functionName: record.functionName,
    functionId: record.functionId,
    functionArn: functionArn(record.region, accountId, record.functionName),
    runtime: record.runtime,
    handler: record.handler,
    role: record.role,
    description: record.description,
    timeout: record.timeout,
    memorySize: record.memorySize,
    cpu: record.cpu,
    diskSize: record.diskSize,
    instanceConcurrency: record.instanceConcurrency,
    internetAccess: record.internetAccess,
    environmentVariables: { ...record.environmentVariables },
    codeChecksum: record.code.checksum,
    codeSize: record.code.zip.length,
    createdTime: record.createdTime,
    lastModifiedTime: record.lastModifiedTime,
    // Choice: functions are Active/Successful at once (no Pending/InProgress phase is emulated).
    state: 'Active',
    stateReason: '',
    stateReasonCode: '',
    lastUpdateStatus: 'Successful',
    lastUpdateStatusReason: '',
    lastUpdateStatusReasonCode: '',
  };
}
