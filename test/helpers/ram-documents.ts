/** RAM policy documents the tests send, as the JSON strings the SDKs carry. */

/** A trust policy letting Function Compute assume the role. */
export const FC_TRUST = JSON.stringify({
  Version: '1',
  Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: ['fc.aliyuncs.com'] } }],
});

/** A trust policy naming ECS only (FC may not assume the role). */
export const ECS_TRUST = JSON.stringify({
  Version: '1',
  Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: ['ecs.aliyuncs.com'] } }],
});

/** A permission policy allowing `action` on every resource. */
export function allowDocument(action: string): string {
  return JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });
}
