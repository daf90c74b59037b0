/** FC 3.0 route table (ROA, method + path under /2023-03-30/). */
import type { RestRoute } from '../core/types';
import { createFunction, deleteFunction, getFunction, listFunctions, updateFunction } from './handlers';
import { invokeFunction } from './invoke';

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
];
