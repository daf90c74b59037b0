/** Resource Manager 2020-03-31: the route table (only the actions the emulator implements). */
import type { RpcService } from '../core/types';
import { getResourceGroup, listResourceGroups } from './handlers-groups';
import { attachPolicy, detachPolicy, listPolicyAttachments } from './handlers-attachments';
import { checkServiceLinkedRoleExistence, createServiceLinkedRole } from './handlers-slr';

export const rmService: RpcService = {
  product: 'rm',
  version: '2020-03-31',
  hostId: 'resourcemanager.aliyuncs.com',
  actions: {
    ListResourceGroups: { handler: listResourceGroups, write: false },
    GetResourceGroup: { handler: getResourceGroup, write: false },
    AttachPolicy: { handler: attachPolicy, write: true },
    DetachPolicy: { handler: detachPolicy, write: true },
    ListPolicyAttachments: { handler: listPolicyAttachments, write: false },
    CreateServiceLinkedRole: { handler: createServiceLinkedRole, write: true },
    CheckServiceLinkedRoleExistence: { handler: checkServiceLinkedRoleExistence, write: false },
  },
};
