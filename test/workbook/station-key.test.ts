import { describe, expect, it } from 'vitest';
import { normaliseCounty, normaliseStationName, stationKey } from '../../src/workbook/station-key.js';

describe('station keys', () => {
  it('strips suffixes, spaces and full-width forms', () => {
    expect(normaliseStationName('城关镇社会工作服务站')).toBe('城关镇');
    expect(normaliseStationName('城关镇 社工站')).toBe('城关镇');
    expect(normaliseStationName('城关镇社会工作站')).toBe('城关镇');
    expect(normaliseStationName('城关镇')).toBe('城关镇');
    expect(normaliseStationName('ＡＢ街道社工站')).toBe('ab街道');
    expect(normaliseStationName('社工站')).toBe('社工站');
    expect(normaliseCounty(' 示例县 ')).toBe('示例县');
    expect(normaliseCounty(undefined)).toBe('');
  });
  it('one key whether or not the name repeats the county', () => {
    expect(stationKey('示例县城关镇社工站', '示例县')).toBe('示例县|城关镇');
    expect(stationKey('城关镇社会工作服务站', '示例县')).toBe('示例县|城关镇');
    expect(stationKey('城关镇', '示例县 ')).toBe('示例县|城关镇');
    expect(stationKey('城关镇', '别的县')).not.toBe(stationKey('城关镇', '示例县'));
  });
});
