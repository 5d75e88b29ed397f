// format.js - numbers the Chinese way: thousands separators; money (万元 in the store)
// as 万元, or 亿元 from 1 亿 (10 000 万元) on; land in 亩 with up to two decimals.
import { t } from './i18n.js';

const nf = (digits) => new Intl.NumberFormat('zh-CN', { maximumFractionDigits: digits,
  minimumFractionDigits: 0 });
const n0 = nf(0), n1 = nf(1), n2 = nf(2);
const fixed2 = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

const missing = (v) => v === null || v === undefined || Number.isNaN(v);

/** A plain number with separators and up to `digits` decimals; '—' when missing. */
export function num(v, digits = 2) {
  if (missing(v)) return '—';
  return (digits === 0 ? n0 : digits === 1 ? n1 : n2).format(v);
}

/** Money given in 万元: "1,234.5 万元", or "12.35 亿元" from 10 000 万元 on. */
export function money(wan) {
  if (missing(wan)) return '—';
  if (Math.abs(wan) >= 10000) return `${fixed2.format(wan / 10000)} ${t('unit.yi')}`;
  return `${n1.format(wan)} ${t('unit.wan')}`;
}

/** Land in 亩: "160.2". */
export function land(mu) { return num(mu, 2); }

/** Money given in 万元, always in 亿元 with two decimals: "1,222.09 亿元". */
export function yi(wan) {
  if (missing(wan)) return '—';
  return `${fixed2.format(wan / 10000)} ${t('unit.yi')}`;
}

/** A growth rate in per cent with its sign: "+8.8%", "-3.2%"; '—' when missing. */
export function pct(v, digits = 1) {
  if (missing(v)) return '—';
  const s = (digits === 0 ? n0 : digits === 1 ? n1 : n2).format(Math.abs(v));
  return `${v > 0 ? '+' : v < 0 ? '-' : ''}${s}%`;
}
