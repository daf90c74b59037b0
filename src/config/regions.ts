/**
 * The regions where Function Compute 3.0 is offered (Alibaba Cloud endpoint list, 2025).
 * The one list used by the props schema, the semantic checks and the `--region` flag.
 */
export const FC3_REGIONS = [
  'cn-hangzhou',
  'cn-shanghai',
  'cn-qingdao',
  'cn-beijing',
  'cn-zhangjiakou',
  'cn-huhehaote',
  'cn-wulanchabu',
  'cn-shenzhen',
  'cn-chengdu',
  'cn-hongkong',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-southeast-1',
  'ap-southeast-3',
  'ap-southeast-5',
  'ap-southeast-7',
  'ap-south-1',
  'eu-central-1',
  'eu-west-1',
  'us-west-1',
  'us-east-1',
  'me-central-1',
] as const;

export type Fc3Region = (typeof FC3_REGIONS)[number];

export function isFc3Region(value: string): value is Fc3Region {
  return (FC3_REGIONS as readonly string[]).includes(value);
}
