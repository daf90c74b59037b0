'use strict';
/**
 * The documentation's scenario: write `event.message` to `event.bucket`/`event.objectName` in OSS
 * with the temporary credentials FC gives the function from its RAM role (context.credentials).
 *
 * Test event: {"bucket": "my-bucket", "objectName": "hello.txt", "message": "hello from FC"}
 * Optional "endpoint": an OSS endpoint (the local emulator's URL, or e.g. https://oss-cn-hangzhou-internal.aliyuncs.com).
 * Logs name the bucket and object, never the credentials.
 */
const OSS = require('ali-oss');

function parseEvent(event) {
  const text = Buffer.isBuffer(event) ? event.toString('utf8') : String(event);
  let e;
  try {
    e = JSON.parse(text);
  } catch (err) {
    throw new Error(`The event is not JSON: ${err.message}`);
  }
  for (const key of ['bucket', 'objectName', 'message']) {
    if (typeof e[key] !== 'string' || e[key] === '') throw new Error(`The event needs a non-empty string "${key}"`);
  }
  return e;
}

exports.handler = async (event, context) => {
  const e = parseEvent(event);
  const creds = context.credentials || {};
  if (!creds.accessKeyId) {
    throw new Error('No credentials in context: give the function a RAM role (s deploy of fc3-role)');
  }
  // STS credentials as ali-oss's README recommends ("use STS and refreshSTSToken"): the client asks
  // refreshSTSToken for fresh ones when they expire. FC hands each invocation current credentials in
  // context.credentials, so refreshing means reading them from there.
  const fromContext = () => ({
    accessKeyId: creds.accessKeyId,
    accessKeySecret: creds.accessKeySecret,
    stsToken: creds.securityToken,
  });
  const client = new OSS({
    ...fromContext(),
    refreshSTSToken: async () => fromContext(),
    refreshSTSTokenInterval: 300000,
    bucket: e.bucket,
    region: 'oss-' + context.region,
    ...(e.endpoint ? { endpoint: e.endpoint } : {}),
  });
  console.log(`Writing ${Buffer.byteLength(e.message)} bytes to oss://${e.bucket}/${e.objectName} in ${context.region}`);
  try {
    await client.put(e.objectName, Buffer.from(e.message));
  } catch (err) {
    // Name the refused call and OSS's code (e.g. AccessDenied when the role lacks oss:PutObject).
    const wrapped = new Error(`PutObject oss://${e.bucket}/${e.objectName} failed: ${err.code || err.name}: ${err.message}`);
    wrapped.name = err.name || 'Error';
    wrapped.code = err.code;
    throw wrapped;
  }
  console.log(`Wrote oss://${e.bucket}/${e.objectName}`);
  return 'success';
};
