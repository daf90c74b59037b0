/**
 * The regions where Function Compute 3.0 is offered: the public-cloud table of the FC endpoints document,
 * https://help.aliyun.com/document_detail/52984.html (服务接入地址; English: "Function Compute: Endpoints",
 * https://www.alibabacloud.com/help/en/functioncompute/fc-3-0/developer-reference/fc-endpoints), which lists
 * one public endpoint `<Alibaba Cloud account ID>.<region-id>.fc.aliyuncs.com` per region, from 华东1(杭州)
 * cn-hangzhou to 沙特(利雅得) me-central-1 ("沙特(利雅得)地域由合作伙伴运营" — operated by a partner).
 * ap-south-1 (Mumbai) is not in that table, so it is not here.
 * The one list used by the props schema, the semantic checks, the `--region` flag, and `s remove`'s
 * search for functions that still use the role (every region in this list).
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
