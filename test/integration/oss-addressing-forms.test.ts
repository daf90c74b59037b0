/**
 * Every way ali-oss addresses a bucket, through the real client, for every operation the emulator serves
 * (PutBucket, PutObject, GetObject, HeadObject, ListObjects, DeleteObject): virtual host on the public and
 * -internal endpoints (also derived from `region` alone), V4 signing, an IP endpoint (bucket in the
 * synthesized Host), path style (`sldEnable`) on an IP and on a host name, and a custom domain (`cname`).
 * Requests to cloud host names reach the emulator through an http.Agent that connects every socket to it,
 * as DNS would send them to OSS (nothing in ali-oss or the HTTP layer is replaced).
 */
import { Agent, type ClientRequestArgs } from 'http';
import { createConnection, type Socket } from 'net';
import OSS from 'ali-oss';
import { useEmulator } from '../helpers/emulator';
import { rootCredentials } from '../helpers/clients';
import type { Emulator } from '../../emulator';

const ACCOUNT = '1234567890123456';
const DOMAIN = 'static.example.com';
const emu = useEmulator({ accounts: [{ id: ACCOUNT, buckets: [{ name: 'cname-bucket', cnames: [DOMAIN] }] }] });

/** Every connection goes to the emulator, whatever the host name (the test's stand-in for DNS). */
class EmulatorAgent extends Agent {
  constructor(private readonly port: number) {
    super({ keepAlive: false });
  }

  override createConnection(options: ClientRequestArgs, callback?: (err: Error | null, socket: Socket) => void): Socket {
    const socket = createConnection({ host: '127.0.0.1', port: this.port });
    if (callback) socket.once('connect', () => callback(null, socket));
    return socket;
  }
}

type Form = [label: string, options: (e: Emulator) => Partial<OSS.Options> & { sldEnable?: boolean }];

const FORMS: Form[] = [
  ['virtual host, public endpoint', () => ({ endpoint: 'http://oss-cn-hangzhou.aliyuncs.com' })],
  ['virtual host, -internal endpoint', () => ({ endpoint: 'http://oss-cn-hangzhou-internal.aliyuncs.com' })],
  ['virtual host from region alone', () => ({ region: 'oss-cn-hangzhou' })],
  ['virtual host, V4 signature', () => ({ endpoint: 'http://oss-cn-hangzhou.aliyuncs.com', region: 'cn-hangzhou', authorizationV4: true })],
  ['IP endpoint (bucket in the synthesized Host)', (e) => ({ endpoint: e.endpoint })],
  ['IP endpoint, path style (sldEnable)', (e) => ({ endpoint: e.endpoint, sldEnable: true })],
  ['host name endpoint, path style (sldEnable)', (e) => ({ endpoint: `http://localhost:${e.port}`, sldEnable: true })],
];

function client(e: Emulator, bucket: string, options: Partial<OSS.Options> & { sldEnable?: boolean }): OSS {
  const { accessKeyId, accessKeySecret } = rootCredentials(e);
  // `agent` is an ali-oss option its type declarations leave out.
  const agent = { agent: new EmulatorAgent(e.port) } as Partial<OSS.Options>;
  return new OSS({ accessKeyId, accessKeySecret, bucket, region: 'oss-cn-hangzhou', ...agent, ...options });
}

function keysOf(bucket: string): string[] {
  return [...(emu.current.state.getAccount(ACCOUNT).oss.findBucket(bucket)?.objects.keys() ?? [])];
}

/** PutObject, GetObject, HeadObject, ListObjects, DeleteObject on one bucket through one client. */
async function objectRoundTrip(oss: OSS, bucket: string): Promise<void> {
  await oss.put('dir/a.txt', Buffer.from('alpha'));
  expect(keysOf(bucket)).toEqual(['dir/a.txt']);
  expect(Buffer.from((await oss.get('dir/a.txt')).content as Buffer).toString()).toBe('alpha');
  expect((await oss.head('dir/a.txt')).res.headers).toMatchObject({ 'content-length': '5' });
  expect(((await oss.list({ prefix: 'dir/', 'max-keys': 10 }, {})).objects ?? []).map((o) => o.name)).toEqual(['dir/a.txt']);
  await oss.delete('dir/a.txt');
  expect(keysOf(bucket)).toEqual([]);
}

describe('ali-oss addressing forms', () => {
  test.each(FORMS.map((form, index) => [...form, index] as const))('%s: creates the bucket, then every object operation', async (_label, options, index) => {
    const bucket = `form-${index}`;
    const oss = client(emu.current, bucket, options(emu.current));
    await oss.putBucket(bucket);
    expect(emu.current.state.getAccount(ACCOUNT).oss.findBucket(bucket)?.region).toBe('cn-hangzhou');
    await objectRoundTrip(oss, bucket);
    const actions = emu.current.requests.list({ product: 'oss' }).map((r) => `${r.action} ${r.status}`);
    expect(actions).toEqual(['PutBucket 200', 'PutObject 200', 'GetObject 200', 'HeadObject 200', 'ListObjects 200', 'DeleteObject 204']);
  });

  test('custom domain (cname): the domain bound to the bucket addresses it, the path is the whole key', async () => {
    const oss = client(emu.current, 'cname-bucket', { endpoint: `http://${DOMAIN}`, cname: true });
    await objectRoundTrip(oss, 'cname-bucket');
  });
});
