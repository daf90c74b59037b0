/**
 * The demo (README's first command): the example, end to end, on the local emulator.
 * 1. start the emulator, with the bucket the example writes to;
 * 2. create the function as a user would have before (the documentation's prerequisite), without a role;
 * 3. run the real `s deploy -y`, `s plan`, `s info` and `s invoke` on example/ against it;
 * 4. print the object the function wrote with its role's temporary credentials; stop the emulator.
 */
import { spawn } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import AdmZip from 'adm-zip';
import OSS from 'ali-oss';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import Fc, { CreateFunctionInput, CreateFunctionRequest, InputCodeLocation } from '@alicloud/fc20230330';
import { fcEndpointsSetting, startEmulator } from '../emulator';

const ROOT = join(__dirname, '..', '..');
const EXAMPLE = join(ROOT, 'example');
const S_BIN = join(ROOT, 'node_modules', '@serverless-devs', 's', 'bin', 's');
const FUNCTION_NAME = 'fc3-role-oss-writer';
const BUCKET = 'fc3-role-demo';
const OBJECT = 'fc3-role/hello.txt';

function step(title: string): void {
  process.stdout.write(`\n\x1b[1m== ${title}\x1b[0m\n`);
}

/** Flags whose value is a secret (`s config add --AccessKeySecret ... --SecurityToken ...`). */
const SECRET_FLAG = /^--?[\w-]*(secret|token|password)$/i;

/** The arguments as they may be echoed: the value after a secret flag (or in `--flag=value`) becomes `***`. */
export function maskSecretArgs(args: readonly string[]): string[] {
  return args.map((arg, i) => {
    const eq = arg.indexOf('=');
    if (arg.startsWith('-') && eq > 0 && SECRET_FLAG.test(arg.slice(0, eq))) return `${arg.slice(0, eq)}=***`;
    return i > 0 && SECRET_FLAG.test(args[i - 1]) && !arg.startsWith('-') ? '***' : arg;
  });
}

/** Runs `s` as a child process; asynchronously, because the emulator answers from this process's event loop. */
function s(args: string[], env: NodeJS.ProcessEnv, cwd = EXAMPLE, opts: { quiet?: boolean } = {}): Promise<void> {
  const shown = maskSecretArgs(args).join(' ');
  if (!opts.quiet) process.stdout.write(`$ npx s ${shown}\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [S_BIN, ...args], { cwd, env, stdio: ['ignore', opts.quiet ? 'ignore' : 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`s ${shown} exited with ${code}`))));
  });
}

async function main(): Promise<void> {
  step('Start the local emulator (RAM, STS, Resource Manager, FC 3.0, OSS)');
  const emu = await startEmulator({ accounts: [{ buckets: [{ name: BUCKET, region: 'cn-hangzhou' }] }] });
  const account = emu.accounts[0];
  process.stdout.write(`endpoint ${emu.endpoint}, account ${account.id}, bucket ${BUCKET}\n`);
  let home: string | undefined;
  try {
    step(`Create function ${FUNCTION_NAME} (Node.js, no role yet), as it would exist before using fc3-role`);
    const zip = new AdmZip();
    zip.addFile('index.js', readFileSync(join(EXAMPLE, 'code', 'nodejs', 'index.js')));
    const fc = new Fc(
      new $OpenApiUtil.Config({
        accessKeyId: account.accessKeyId,
        accessKeySecret: account.accessKeySecret,
        endpoint: new URL(emu.fcEndpoints['cn-hangzhou']).host,
        protocol: 'http',
      }),
    );
    await fc.createFunction(
      new CreateFunctionRequest({
        body: new CreateFunctionInput({
          functionName: FUNCTION_NAME,
          runtime: 'nodejs18',
          handler: 'index.handler',
          timeout: 30,
          memorySize: 512,
          code: new InputCodeLocation({ zipFile: zip.toBuffer().toString('base64') }),
        }),
      }),
    );

    home = mkdtempSync(join(tmpdir(), 'fc3-role-demo-home-'));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      HOME: home,
      USERPROFILE: home,
      FC3_ROLE_ENDPOINT: emu.endpoint,
      FC3_ROLE_FC_ENDPOINTS: fcEndpointsSetting(emu.fcEndpoints),
      // The example's event keeps the documentation's endpoint (http://oss-cn-hangzhou.aliyuncs.com): the emulator's runtime routes it.
      OSS_ENDPOINT: undefined,
    };
    step('Add the emulator key to a fresh `s` home (s config add)');
    await s(['set', 'analysis', 'disable'], env, home, { quiet: true });
    await s(['config', 'add', '--AccessKeyID', account.accessKeyId, '--AccessKeySecret', account.accessKeySecret, '--AccountID', account.id, '-a', 'default', '-f'], env, home);

    step('s deploy -y: create the role, attach AliyunOSSFullAccess, set the role on the function');
    await s(['deploy', '-y'], env);
    step('s plan: nothing left to do');
    await s(['plan'], env);
    step('s info: what exists now');
    await s(['info'], env);
    step('s invoke: the function writes the object with its role\'s temporary credentials');
    await s(['invoke'], env);

    step(`The object the function wrote: oss://${BUCKET}/${OBJECT}`);
    const oss = new OSS({
      accessKeyId: account.accessKeyId,
      accessKeySecret: account.accessKeySecret,
      bucket: BUCKET,
      region: 'oss-cn-hangzhou',
      endpoint: emu.endpoint,
    });
    const object = await oss.get(OBJECT);
    process.stdout.write(`${Buffer.from(object.content as Buffer).toString('utf8')}\n`);
  } finally {
    await emu.close();
    if (home) rmSync(home, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`demo failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
