/**
 * RAM codes (the `<service>` of `<service>:<Action>`) fc3-role knows, from Alibaba Cloud's "Services that work
 * with RAM" and the services' RAM authorization pages (e.g. "The RAM code (RamCode) for ApsaraDB for MongoDB is
 * dds", https://www.alibabacloud.com/help/ja/mongodb/developer-reference/api-dds-2015-12-01-ram). Not every
 * service: a prefix missing here is only a warning (most often a typo), never an error.
 */
export const KNOWN_SERVICE_CODES: readonly string[] = [
  'accessanalyzer', 'actiontrail', 'adb', 'alb', 'alidns', 'apigateway', 'arms', 'bss', 'bssapi', 'cas', 'cdn',
  'cen', 'cloudsso', 'cms', 'config', 'cr', 'cs', 'dds', 'dm', 'dms', 'dts', 'dysms', 'ecs', 'edas', 'elasticsearch',
  'ess', 'eventbridge', 'fc', 'fnf', 'ga', 'green', 'hbase', 'imm', 'kms', 'kvstore', 'live', 'log', 'mns', 'mq',
  'mse', 'mts', 'nas', 'nlb', 'ons', 'oos', 'oss', 'ots', 'polardb', 'pvtz', 'ram', 'rds', 'resourcemanager', 'ros',
  'sae', 'sas', 'slb', 'sts', 'tag', 'vod', 'vpc', 'waf', 'xtrace', 'yundun-sas',
];

/** The service prefix of an action (`oss` of `oss:PutObject`); undefined for `*`. */
export function serviceOf(action: string): string | undefined {
  const i = action.indexOf(':');
  return i > 0 ? action.slice(0, i) : undefined;
}

/** True when `service` (any case, as RAM matches actions) is a RAM code fc3-role knows, or holds a wildcard. */
export function isKnownService(service: string): boolean {
  return /[*?]/.test(service) || KNOWN_SERVICE_CODES.includes(service.toLowerCase());
}
