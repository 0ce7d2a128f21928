/**
 * Hand-built station results for the report tests, until the engine's real
 * results replace them: a Fujian-style rubric (six modules, 61 items, 1000
 * points, long Chinese names and rules, decimal points), one station that was
 * spot-checked (deviations, an inflated item, an N/A rescaled module, a
 * decimal total), and one self-assessed only (blank item, veto).
 *
 * Every number of the results is written out here so the tests can assert it.
 */
import Big from 'big.js';
import { rubricFromData, type LoadedRubric } from '../../src/rubric/model.js';
import { Rubric, type RubricNode } from '../../src/rubric/schema.js';
import type { ItemResult, ModuleResult, NodeResult, StationResult } from '../../src/score/types.js';

type ItemRow = [name: string, points: number, standard: string];
type Indicator = [name: string, items: ItemRow[]];
type ModuleDef = [name: string, indicators: Indicator[]];

const STD = (pts: number, what: string) => `${what}，符合要求得 ${pts} 分；部分符合酌情给分；缺少佐证材料不得分`;

const MODULES: ModuleDef[] = [
  [
    '基础建设',
    [
      [
        '场所设施',
        [
          ['服务场所面积不少于60平方米且相对独立、功能分区合理（含办公区、个案工作室、小组活动室）', 20, '面积≥60㎡得20分，≥40㎡得12分，否则0分'],
          ['场所位于乡镇(街道)便民服务中心或交通便利处，无障碍设施齐全', 12.5, STD(12.5, '实地查看选址与无障碍通道、扶手、坡道')],
          ['门外醒目位置悬挂统一标识的社会工作服务站牌匾', 5, '门外醒目3分/室内1分/未悬挂0分（另有公示栏2分）'],
          ['公示栏公开服务项目、服务时间、驻站社工照片及联系方式、监督电话', 7.5, STD(7.5, '查看公示内容是否齐全并及时更新')],
        ],
      ],
      [
        '设备配置',
        [
          ['配备办公桌椅、电脑、打印机、档案柜等基本办公设备并建立台账', 15, STD(15, '对照设备台账实地核对')],
          ['配备开展小组及社区活动所需的桌椅、投影、音响等设备', 10, STD(10, '实地查看')],
          ['个案工作室具备私密性，设置隔音与隐私保护措施', 10, STD(10, '实地查看个案室')],
          ['接入互联网并使用省级社工站信息管理平台录入服务数据', 15, STD(15, '登录平台查看近一年数据录入情况')],
        ],
      ],
      [
        '安全保障',
        [
          ['消防器材配置齐全且在有效期内，疏散通道畅通，张贴疏散示意图', 20, STD(20, '实地查看消防器材及检查记录')],
          ['制定突发事件应急预案并每年至少开展一次应急演练', 15, STD(15, '查看预案与演练记录、照片')],
          ['为驻站社工及志愿者购买意外伤害保险', 10, STD(10, '查看保单')],
          ['场所环境整洁卫生，无安全隐患', 10, STD(10, '实地查看')],
        ],
      ],
    ],
  ],
  [
    '制度建设',
    [
      [
        '党建引领',
        [
          ['运营机构建立党组织或纳入乡镇(街道)党组织统一管理，开展党建活动', 20, STD(20, '查看党组织关系与活动记录')],
          ['服务站悬挂党建标识，党员社工亮身份、作表率', 10, STD(10, '实地查看并访谈')],
        ],
      ],
      [
        '岗位与流程',
        [
          ['制定驻站社工岗位职责、考勤与请销假制度并上墙公示', 15, STD(15, '查看制度文本及考勤记录')],
          ['建立服务对象接案、预估、计划、介入、评估、结案的服务流程规范', 20, STD(20, '抽查3份个案档案核对流程完整性')],
          ['建立转介机制，与民政、卫健、教育、残联等部门形成转介清单', 12.5, STD(12.5, '查看转介记录')],
          ['建立服务对象投诉处理制度，投诉处理及时并有回访记录', 7.5, STD(7.5, '查看投诉登记与回访记录')],
        ],
      ],
      [
        '档案与财务',
        [
          ['建立文书档案、服务档案、财务档案，分类归档、专人管理', 20, STD(20, '查看档案目录与归档情况')],
          ['项目资金专账核算、专款专用，票据合法合规', 20, STD(20, '查看财务账簿与凭证')],
          ['建立资产管理制度，固定资产登记造册', 10, STD(10, '查看资产台账')],
          ['建立信息保密制度，服务对象个人信息依法保护', 15, STD(15, '查看制度并访谈社工')],
        ],
      ],
    ],
  ],
  [
    '运营投入',
    [
      [
        '资金投入',
        [
          ['县级财政或福彩公益金落实社工站运营经费且按合同足额拨付', 30, STD(30, '查看合同与拨付凭证')],
          ['乡镇(街道)提供场所、水电等配套保障并有书面承诺', 10, STD(10, '查看协议')],
          ['多渠道筹集慈善资金、社会捐赠等补充资金', 10, '每筹集1万元得2分，最高10分'],
        ],
      ],
      [
        '人员配备',
        [
          ['驻站社工不少于2名，全职在岗且签订劳动合同', 30, '2名得20分，每增加1名加5分，最高30分'],
          ['持有社会工作者职业资格证书的驻站社工占比不低于50%', 20, '≥50%得20分，≥30%得12分，否则0分'],
          ['驻站社工薪酬不低于当地城镇非私营单位在岗职工平均工资的80%', 10, STD(10, '查看工资发放记录')],
        ],
      ],
      [
        '督导培训',
        [
          ['每月接受专业督导不少于1次，督导记录完整', 15, STD(15, '查看督导记录')],
          ['驻站社工年度继续教育不少于72学时', 10, STD(10, '查看培训证明')],
          ['招募培育本土志愿者队伍，志愿者注册人数不少于30人', 15, '每10人得5分，最高15分'],
        ],
      ],
    ],
  ],
  [
    '运营管理',
    [
      [
        '计划与总结',
        [
          ['制定年度服务计划，目标明确、措施具体、可量化', 20, STD(20, '查看年度计划')],
          ['按季度报送工作报告，年度形成总结报告并报县民政局备案', 15, STD(15, '查看报告与报送记录')],
          ['按月统计服务数据并在信息平台如实填报', 15, STD(15, '对照平台数据与原始记录')],
        ],
      ],
      [
        '过程管理',
        [
          ['服务记录真实完整，签名、照片、影像资料齐全', 25, '缺一项扣1分，扣完为止'],
          ['建立服务对象台账并动态更新，困难群众底数清、情况明', 25, STD(25, '随机入户核对3户')],
          ['运营机构对服务站进行季度内部考核并有整改记录', 15, STD(15, '查看考核记录')],
          ['建立服务风险评估与防控机制，重大风险及时报告', 10, STD(10, '查看风险台账')],
        ],
      ],
      [
        '资源链接',
        [
          ['链接政府部门、群团组织、社会组织等资源开展服务', 20, STD(20, '查看合作协议与活动记录')],
          ['培育孵化社区社会组织不少于2个', 15, '每培育1个得7.5分，最高15分'],
          ['推动“五社联动”，形成社区、社会组织、社工、志愿者、慈善资源协同机制', 20, STD(20, '查看联动机制文件与案例')],
          ['与村(社区)建立工作联络机制，每个村(社区)明确联络人', 10, STD(10, '查看联络名册')],
          ['运用数字化手段提升服务管理效率', 10, STD(10, '查看系统使用情况')],
        ],
      ],
    ],
  ],
  [
    '服务提供',
    [
      [
        '社会救助服务',
        [
          ['对低保、特困等救助对象开展走访探视、需求评估并建立档案', 30, STD(30, '抽查救助对象档案')],
          ['为救助对象提供心理疏导、资源链接、能力提升等服务', 20, STD(20, '查看服务记录并电话回访')],
        ],
      ],
      [
        '养老服务',
        [
          ['对分散供养特困老人、空巢留守老人开展定期探访与关爱服务', 25, STD(25, '查看探访记录')],
          ['开展老年人精神慰藉、健康促进等小组活动不少于4次', 15, '每次3.75分，最高15分'],
        ],
      ],
      [
        '儿童关爱服务',
        [
          ['对困境儿童、留守儿童开展监护评估与个案服务', 25, STD(25, '查看儿童档案')],
          ['协助儿童督导员、儿童主任开展工作并提供专业支持', 10, STD(10, '访谈儿童主任')],
        ],
      ],
      [
        '社区治理与专项服务',
        [
          ['参与社区治理，协助开展矛盾调解、邻里互助等服务', 20, STD(20, '查看服务记录')],
          ['为残疾人提供康复支持、就业援助等专业服务', 15, STD(15, '查看服务记录')],
          ['开展防灾减灾、禁毒、反诈等社区宣传教育活动', 10, STD(10, '查看活动记录')],
        ],
      ],
      [
        '专业方法运用',
        [
          ['个案工作：年度开案不少于20个，结案率不低于60%', 30, STD(30, '抽查个案档案')],
          ['小组工作：年度开展小组工作不少于4个，每个不少于6节', 25, STD(25, '查看小组方案与记录')],
          ['社区工作：年度开展社区活动不少于12场，参与人数不少于600人次', 25, STD(25, '查看活动记录')],
        ],
      ],
    ],
  ],
  [
    '运营绩效',
    [
      [
        '服务成效',
        [
          ['服务对象满意度不低于90%（第三方随机抽取不少于10名服务对象）', 30, '≥90%得30分，≥80%得20分，≥70%得10分，否则0分'],
          ['乡镇(街道)及村(社区)对服务站工作的认可度', 15, STD(15, '访谈乡镇分管领导及村干部')],
          ['形成优秀服务案例并在县级以上交流或获奖', 15, STD(15, '查看案例与证书')],
        ],
      ],
      [
        '宣传与创新',
        [
          ['通过微信公众号、短视频、媒体报道等宣传社工站服务', 10, STD(10, '查看宣传报道')],
          ['结合本地特色形成服务品牌或创新项目', 15, STD(15, '查看项目材料')],
          ['总结提炼服务经验并形成调研报告或理论文章', 15, STD(15, '查看报告或文章')],
        ],
      ],
    ],
  ],
];

const BONUS: ItemRow[] = [
  ['获得省级及以上表彰或典型案例', 10, '省级10分，国家级另加10分'],
  ['承接省市级社会工作试点项目', 10, '每项5分，最高10分'],
];

function buildRubricData() {
  let itemNo = 0;
  const modules: RubricNode[] = MODULES.map(([mName, indicators], mi) => {
    const mId = String(mi + 1);
    const children: RubricNode[] = indicators.map(([iName, items], ii) => {
      const iId = `${mId}.${ii + 1}`;
      const leaves: RubricNode[] = items.map(([name, points, standard], ti) => {
        itemNo++;
        const node: RubricNode = {
          id: `${iId}.${ti + 1}`,
          name,
          points,
          standard,
          method: itemNo % 3 === 0 ? '实地查看' : itemNo % 3 === 1 ? '看材料' : '访谈',
          scoring: { kind: 'range' },
        };
        return node;
      });
      return { id: iId, name: iName, points: sum(leaves.map((l) => l.points)), children: leaves };
    });
    return { id: mId, name: mName, points: sum(children.map((c) => c.points)), children };
  });
  return Rubric.parse({
    id: 'fujian-style-test',
    title: '乡镇(街道)社会工作服务站规范化建设评估细则（福建式，示例）',
    version: '2024.1',
    issuer: '示例',
    year: 2024,
    illustrative: '本评估细则的项目与分值为示例，并非官方发布的评估标准。',
    total: 1000,
    precision: 1,
    defaults: { na: 'rescale', blank: 'incomplete' },
    modules,
    bonus: {
      name: '加分项',
      cap: 20,
      items: BONUS.map(([name, points, standard], i) => ({ id: `B${i + 1}`, name, points, standard, scoring: { kind: 'range' } })),
    },
    vetoes: [
      { id: 'V1', name: '弄虚作假', description: '提供虚假佐证材料', effect: 'no-star' },
      { id: 'V2', name: '发生重大安全责任事故', effect: 'cap-star', maxStars: 1 },
    ],
    stars: {
      boundary: 'inclusive',
      levels: [
        { level: 1, name: '一星级', minTotal: 600, moduleMinimum: { percent: 40 } },
        { level: 2, name: '二星级', minTotal: 700, moduleMinimum: { percent: 50 } },
        { level: 3, name: '三星级', minTotal: 800, moduleMinimum: { percent: 60 } },
        { level: 4, name: '四星级', minTotal: 880, moduleMinimum: { percent: 70 } },
        { level: 5, name: '五星级', minTotal: 950, moduleMinimum: { percent: 80 }, requires: { verified: true } },
      ],
    },
    reconciliation: { authority: 'spot', tolerance: [{ scope: 'item', points: 2 }] },
  });
}

function sum(values: number[]): number {
  return Number(values.reduce((a, v) => a.plus(v), new Big(0)).toString());
}

export const fujianRubric: LoadedRubric = rubricFromData(buildRubricData(), 'rubrics/fujian-style-test.yaml');

// ── Station 1: 城关镇, spot-checked ─────────────────────────────────────────

/** Per-item deductions from full points: [self deduction, spot deduction] (null spot = not in sample → same as self). */
type Mark = { self?: number | 'na' | 'blank'; spot?: number | 'na' | 'blank'; reason?: string; note?: string; selfInput?: string };

/**
 * Build a result from per-item marks (deductions from full points). The
 * fixture's own tiny aggregation: module = Σ finals, or rescaled by applicable
 * points (rounded half up to 0.1) when an item is N/A.
 */
function buildResult(opts: {
  station: StationResult['station'];
  marks: Record<string, Mark>;
  spotChecked: boolean;
  bonus: Record<string, { self: number; spot?: number }>;
  vetoes?: StationResult['vetoes'];
  stars: number | null;
  starReason: string;
  nextStar: StationResult['nextStar'];
  penalty?: number;
}): StationResult {
  const rubric = fujianRubric;
  const items: ItemResult[] = [];
  const blankItems: string[] = [];
  for (const info of rubric.index.items) {
    const m = opts.marks[info.id] ?? {};
    let self: number | null;
    let spot: number | null = null;
    let status: ItemResult['status'] = 'scored';
    const b = info.bonus ? opts.bonus[info.id] : undefined;
    if (info.bonus) {
      self = b?.self ?? 0;
      spot = opts.spotChecked ? (b?.spot ?? self) : null;
    } else {
      self = m.self === 'na' || m.self === 'blank' ? null : Number(new Big(info.points).minus(m.self ?? 0).toString());
      if (opts.spotChecked) {
        const s = m.spot ?? m.self;
        spot = s === 'na' || s === 'blank' ? null : Number(new Big(info.points).minus(s ?? 0).toString());
      }
      const authoritative = opts.spotChecked ? (m.spot ?? m.self) : m.self;
      if (authoritative === 'na') status = 'na-excluded';
      if (authoritative === 'blank') status = 'blank';
    }
    const final = status === 'scored' ? (opts.spotChecked ? spot : self) : null;
    if (status === 'blank') blankItems.push(info.id);
    const deviation = self !== null && spot !== null ? Number(new Big(self).minus(spot).toString()) : null;
    items.push({
      id: info.id,
      name: info.name,
      moduleId: info.moduleId,
      bonus: info.bonus,
      max: info.points,
      self,
      spot,
      final,
      selfInput: m.self === 'na' ? '不适用' : m.selfInput,
      spotInput: opts.spotChecked && (m.spot ?? m.self) === 'na' ? '不适用' : undefined,
      status,
      deviation,
      inflated: deviation !== null && deviation > 2,
      reason: m.reason,
      note: m.note,
    });
  }
  const modules: ModuleResult[] = rubric.data.modules.map((mod) => {
    const its = items.filter((i) => i.moduleId === mod.id);
    const raw = its.reduce((a, i) => a.plus(i.final ?? 0), new Big(0));
    const applicable = its.filter((i) => i.status !== 'na-excluded').reduce((a, i) => a.plus(i.max), new Big(0));
    const rescaled = !applicable.eq(mod.points);
    const final = rescaled ? raw.times(mod.points).div(applicable).round(1, Big.roundHalfUp) : raw;
    const selfSum = its.reduce((a, i) => a.plus(i.self ?? 0), new Big(0));
    const spotSum = its.reduce((a, i) => a.plus(i.spot ?? 0), new Big(0));
    const selfMod = rescaled && !opts.spotChecked ? final : selfSum;
    const spotMod = opts.spotChecked ? final : null;
    return {
      id: mod.id,
      name: mod.name,
      max: mod.points,
      self: Number(selfMod.toString()),
      spot: spotMod === null ? null : Number(spotMod.toString()),
      final: Number(final.toString()),
      applicableMax: Number(applicable.toString()),
      rescaled,
      percent: Number(final.times(100).div(mod.points).round(1, Big.roundHalfUp).toString()),
      deviation: opts.spotChecked ? Number(selfSum.minus(spotSum).toString()) : null,
    };
  });
  const baseTotal = modules.reduce((a, m) => a.plus(m.final), new Big(0));
  const bonusRaw = items.filter((i) => i.bonus).reduce((a, i) => a.plus(i.final ?? 0), new Big(0));
  const bonus = bonusRaw.gt(20) ? new Big(20) : bonusRaw;
  const penalty = new Big(opts.penalty ?? 0);
  let total = baseTotal.plus(bonus);
  if (total.gt(1000)) total = new Big(1000);
  total = total.minus(penalty);
  const selfTotal = modules.reduce((a, m) => a.plus(m.self ?? 0), new Big(0)).plus(items.filter((i) => i.bonus).reduce((a, i) => a.plus(i.self ?? 0), new Big(0)));
  const spotTotal = opts.spotChecked ? baseTotal.plus(bonusRaw) : null;
  const nodes: NodeResult[] = modules.map((m) => ({ id: m.id, name: m.name, max: m.max, self: m.self, spot: m.spot, final: m.final, applicableMax: m.applicableMax, rescaled: m.rescaled }));
  return {
    formatVersion: 2,
    tool: { name: 'station-eval', version: '0.1.0' },
    station: opts.station,
    rubric: { id: rubric.data.id, version: rubric.data.version, title: rubric.data.title, sha256: rubric.sha256, file: rubric.file },
    total: Number(total.toString()),
    maxTotal: 1000,
    baseTotal: Number(baseTotal.toString()),
    bonus: Number(bonus.toString()),
    penalty: Number(penalty.toString()),
    selfTotal: Number(selfTotal.toString()),
    spotTotal: spotTotal === null ? null : Number(spotTotal.toString()),
    deviation: spotTotal === null ? null : Number(selfTotal.minus(spotTotal).toString()),
    totalSteps: totalStepsOf(baseTotal, bonusRaw, bonus, penalty, opts.spotChecked),
    stars: opts.stars,
    starName: opts.stars ? (rubric.data.stars.levels.find((l) => l.level === opts.stars)?.name ?? null) : null,
    starReason: opts.starReason,
    nextStar: opts.nextStar,
    verified: opts.spotChecked,
    complete: blankItems.length === 0,
    modules,
    nodes,
    items,
    vetoes: opts.vetoes ?? [],
    flags: [],
    warnings: [],
    blankItems,
  };
}

/** The fixture's steps, in the order buildResult applies them (bonus cap 20, clamp at 1000, penalty). */
function totalStepsOf(baseTotal: Big, bonusRaw: Big, bonus: Big, penalty: Big, spotChecked: boolean): StationResult['totalSteps'] {
  const steps: StationResult['totalSteps']['steps'] = [];
  let t = baseTotal.plus(bonusRaw);
  const start = Number(t.toString());
  if (!bonus.eq(bonusRaw)) {
    steps.push({ code: 'BONUS_CAP', delta: Number(bonus.minus(bonusRaw).toString()), total: Number(baseTotal.plus(bonus).toString()), limit: 20 });
    t = baseTotal.plus(bonus);
  }
  if (t.gt(1000)) {
    steps.push({ code: 'CLAMP_MAX', delta: Number(new Big(1000).minus(t).toString()), total: 1000, limit: 1000 });
    t = new Big(1000);
  }
  if (penalty.gt(0)) {
    t = t.minus(penalty);
    steps.push({ code: 'PENALTY', delta: -Number(penalty.toString()), total: Number(t.toString()) });
  }
  return { start, unchecked: spotChecked ? { items: [], bonusItems: [], points: 0 } : null, steps };
}

/** 城关镇 (spot-checked): total 924.2 (base 914.2 + bonus 10), self 964.5, deviation 40.3, 四星级; module 3 rescaled (N/A). */
export const spotChecked: StationResult = buildResult({
  station: {
    name: '城关镇社会工作服务站',
    code: 'FJ-350521-001',
    county: '惠安县',
    township: '城关镇',
    operator: '=HYPERLINK("http://evil.example","惠安县启明社会工作服务中心")',
    year: 2024,
    filledBy: '@林晓燕',
    date: '2024-11-20',
  },
  spotChecked: true,
  marks: {
    '1.1.1': { self: 0, spot: 8, reason: '实测面积 52㎡，未达 60㎡', selfInput: '65 ㎡' },
    '1.1.3': { self: 0, spot: 2, reason: '牌匾悬挂于室内' },
    '1.2.4': { self: 1.5, spot: 3.5 },
    '2.2.2': { self: 2, spot: 6.5, reason: '-抽查 3 份个案档案，2 份缺评估记录', note: '+需补充结案评估' },
    '2.3.2': { self: 0, spot: 1 },
    '3.2.2': { self: 'na', spot: 'na', note: '当地社工持证人数统计口径调整，按不适用处理' },
    '3.3.3': { self: 5, spot: 5 },
    '4.2.1': { self: 3, spot: 7, reason: '\t缺服务照片 4 项、签名 3 项' },
    '4.3.2': { self: 0, spot: 7.5, reason: '仅培育 1 个社区社会组织' },
    '5.1.1': { self: 2.5, spot: 4.5 },
    '5.3.1': { self: 0, spot: 3 },
    '5.5.1': { self: 4, spot: 9.5, reason: '年度开案 14 个，结案率 50%' },
    '5.5.3': { self: 0, spot: 2.5 },
    '6.1.1': { self: 0, spot: 10, reason: '满意度 86%' },
    '6.2.2': { self: 5, spot: 3 },
    '6.2.3': { self: 7.5, spot: 12 },
  },
  bonus: { B1: { self: 10, spot: 10 }, B2: { self: 5, spot: 0 } },
  stars: 4,
  starReason: '总分 924.2 分，达到四星级（880 分以上）且各模块均不低于满分的 70%；五星级需 950 分以上',
  nextStar: {
    level: 5,
    name: '五星级',
    needs: [
      { kind: 'total', message: '总分还差 25.8 分（五星级需 950 分以上）', points: 25.8 },
      { kind: 'module', message: '运营绩效模块还差 5.0 分（五星级需不低于 80.0 分）', points: 5, moduleId: '6' },
    ],
  },
});

/** 洛阳镇 (self-assessed only): total 962.5, item 2.3.1 blank, veto 弄虚作假, no star; module 5 rescaled (N/A). */
export const selfOnly: StationResult = buildResult({
  station: { name: '洛阳镇社会工作服务站', county: '惠安县', township: '洛阳镇', operator: '泉州市善水社会工作服务中心', year: 2024, date: '2024-11-18' },
  spotChecked: false,
  marks: {
    '1.1.2': { self: 2.5 },
    '2.3.1': { self: 'blank', note: '档案整理中' },
    '4.2.2': { self: 5 },
    '5.4.2': { self: 'na', selfInput: '不适用' },
    '6.1.1': { self: 10 },
  },
  bonus: {},
  vetoes: [{ id: 'V1', name: '弄虚作假', effect: 'no-star', by: ['self'] }],
  stars: null,
  starReason: '一票否决：弄虚作假，不予星级认定；且评分不完整（1 个项目未评分）',
  nextStar: null,
});
