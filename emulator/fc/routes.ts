/** FC route table (ROA, method + path): FC 3.0 under /2023-03-30/, and FC 2.0's tempBucketToken. */
import type { RestRoute } from '../core/types';
import { createFunction, deleteFunction, getFunction, listFunctions, updateFunction } from './handlers';
import { invokeFunction } from './invoke';
import { getTempBucketToken } from './temp-code';
import { subresourceRoutes } from './subresources';

export const fcRoutes: RestRoute[] = [
  { method: 'POST', pattern: '/2023-03-30/functions', action: 'CreateFunction', write: true, handler: createFunction },
  { method: 'GET', pattern: '/2023-03-30/functions', action: 'ListFunctions', write: false, handler: listFunctions },
  { method: 'GET', pattern: '/2023-03-30/functions/:functionName', action: 'GetFunction', write: false, handler: getFunction },
  { method: 'PUT', pattern: '/2023-03-30/functions/:functionName', action: 'UpdateFunction', write: true, handler: updateFunction },
  { method: 'DELETE', pattern: '/2023-03-30/functions/:functionName', action: 'DeleteFunction', write: true, handler: deleteFunction },
  {
    method: 'POST',
    pattern: '/2023-03-30/functions/:functionName/invocations',
    action: 'InvokeFunction',
    write: false,
    handler: invokeFunction,
  },
  ...subresourceRoutes,
  { method: 'GET', pattern: '/2016-08-15/tempBucketToken', action: 'GetTempBucketToken', write: false, handler: getTempBucketToken },
];
