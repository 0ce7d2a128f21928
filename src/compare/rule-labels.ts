/** Short Chinese names of the certificate rules, for tables. */
import type { CertificateRule } from './types.js';

export const RULE_LABELS: Record<CertificateRule, string> = {
  'no-rules': '以本年度评定为准（细则未规定证书规则）',
  'first-rating': '首次认定',
  'first-rating-cap': '首次认定封顶',
  upgrade: '升级',
  renewed: '复评续期',
  recertified: '重新认定',
  'downgrade-immediate': '立即降级',
  'downgrade-one-level': '逐年降一级',
  'waiting-period': '等待期内不计',
  kept: '证书有效期内',
  expired: '到期未复评，失效',
  failed: '未获星级',
  none: '无证书',
};
