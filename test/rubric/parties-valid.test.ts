import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { brief, codes, validate } from './fixture.js';
import { messageOf } from '../../src/problems/render.js';

const GZ = readFileSync(new URL('../fixtures/rubrics/guangzhou-parties.yaml', import.meta.url), 'utf8');

describe('partiesValid', () => {
  it('passes the 1000-point rubric split 700 / 200 / 100', () => {
    expect(validate(GZ).diagnostics).toEqual([]);
  });
  it('reports a party maximum that does not add up, at the max, with received and expected', () => {
    const text = GZ.replace('items: ["2"], max: 200', 'items: ["2"], max: 250');
    const d = validate(text).diagnostics;
    expect(brief(d)).toEqual(['31:48 error RUBRIC_PARTY_MAX_MISMATCH']);
    expect(d[0].received).toBe(250);
    expect(d[0].expected).toBe(200);
    expect(messageOf(d[0], 'zh')).toBe('评分方「采购方」声明满分 250，但其评分项目合计 200 分（2 项）');
  });
  it('reports an unknown item id and the item left without a party', () => {
    const text = GZ.replace('items: ["3"], max: 100', 'items: ["9"]');
    expect(codes(text)).toEqual(['RUBRIC_ITEM_NO_PARTY', 'RUBRIC_ITEM_NO_PARTY', 'RUBRIC_PARTY_UNKNOWN_ITEM']);
    const d = validate(text).diagnostics;
    expect(d.map((x) => x.received)).toEqual(['3.1', '3.2', '9']);
  });
  it('reports a duplicate party id', () => {
    expect(codes(GZ.replace('id: supervisor', 'id: buyer'))).toEqual(['RUBRIC_PARTY_DUPLICATE']);
  });
});
