/** STS 2015-04-01: the route table. */
import type { RpcService } from '../core/types';
import { assumeRole, getCallerIdentity } from './handlers';

export const stsService: RpcService = {
  product: 'sts',
  version: '2015-04-01',
  hostId: 'sts.aliyuncs.com',
  actions: {
    GetCallerIdentity: { handler: getCallerIdentity, write: false },
    // Choice: AssumeRole is not counted as a write in the request log (it mints keys but changes no resource).
    AssumeRole: { handler: assumeRole, write: false },
  },
};
