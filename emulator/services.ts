/** The registry of emulated services: RPC products by API version, FC routes, and the OSS entry. */
import type { RestRoute, RpcService } from './core/types';
import type { ServiceRegistry } from './core/server';
import type { OssEntry } from './core/dispatch-oss';
import { ramService } from './ram/routes';
import { stsService } from './sts/routes';
import { rmService } from './rm/routes';
import { fcRoutes as fcRouteTable } from './fc/routes';
import { handleOss } from './oss/routes';

export const rpcServices: RpcService[] = [ramService, stsService, rmService];
export const fcRoutes: RestRoute[] = fcRouteTable;
export const handleOssRequest: OssEntry = (req, world) => handleOss(req, world);

export const services: ServiceRegistry = { rpcServices, fcRoutes, handleOssRequest };
