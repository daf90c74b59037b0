/**
 * The SDK modules, `require`d on first use (see clients.ts for why). Wrappers build their request
 * models from these; the types come from `typeof import(...)`, which loads nothing at runtime.
 */
export type RamSdk = typeof import('@alicloud/ram20150501');
export type RmSdk = typeof import('@alicloud/resourcemanager20200331');
export type FcSdk = typeof import('@alicloud/fc20230330');

export const ramSdk = (): RamSdk => require('@alicloud/ram20150501') as RamSdk;
export const rmSdk = (): RmSdk => require('@alicloud/resourcemanager20200331') as RmSdk;
export const fcSdk = (): FcSdk => require('@alicloud/fc20230330') as FcSdk;
