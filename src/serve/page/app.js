// station-eval serve: the page. Plain JavaScript, no build step, nothing fetched from elsewhere.
// Every request carries this run's token; every text from a file is set with textContent (never HTML).
'use strict';

const TOKEN = document.body.dataset.token;

const I18N = {
  zh: {
    title: '乡镇(街道)社工站评估与星级认定',
    subtitle: '在本机运行，文件不会发送到任何地方',
    currentRubric: '当前细则',
    runDir: '输出文件夹',
    tabRubric: '评分细则',
    tabTemplate: '评分表模板',
    tabStation: '单站评分',
    tabBatch: '县/省批量评分',
    tabProblems: '问题清单',
    rubricHead: '选择评分细则',
    rubricHint: '选择一份内置细则，或上传自己的细则（.yaml）：先校验，列出每个问题的行号和列号；没有错误时显示细则概要。',
    bundled: '内置细则',
    or: '或',
    uploadRubric: '上传细则文件…',
    templateHead: '下载评分表模板',
    templateHint: '按当前细则生成站点填写的 Excel 评分表。填写站点信息即得到预填的模板；留空则为空白模板。',
    fStation: '站点名称',
    fCounty: '所属县(市、区)',
    fTownship: '乡镇(街道)',
    fOperator: '运营机构',
    fYear: '评估年度',
    blankTemplate: '下载空白模板',
    filledTemplate: '下载预填模板',
    stationHead: '为一个站点评分',
    stationHint: '放入站点的自评表，如有第三方抽查，再放入抽查表（单站评分表或多站点抽查汇总表）。',
    selfFile: '自评表',
    spotFileOptional: '抽查表（可选）',
    dropHere: '拖放文件到这里，或点击选择',
    dropFolder: '拖放文件夹到这里，或点击选择',
    scoreButton: '评分',
    clear: '清除',
    batchHead: '一个县或一个省的全部站点',
    batchHint: '选择存放各站点自评表的文件夹（含子文件夹），再选站点名册和抽查汇总表（均可选）。结果与命令行 batch 完全相同。',
    folder: '自评表文件夹',
    rosterOptional: '站点名册（可选）',
    spotSummaryOptional: '抽查汇总表（可选）',
    batchButton: '开始批量评分',
    problemsHead: '问题清单',
    problemsHint: '每个无法使用的文件和单元格，以及定位信息，与命令行给出的相同。',
    // dynamic
    checking: '正在校验…',
    noErrors: '没有错误',
    nErrors: (n) => `${n} 个错误`,
    nWarnings: (n) => `${n} 个警告`,
    rubricUnusable: '这份细则有错误，不能用于评分；请按下列位置修改后重新上传。',
    where: '位置',
    severity: '级别',
    code: '代码',
    message: '说明',
    error: '错误',
    warning: '警告',
    modules: '模块',
    points: '分值',
    items: '评分项',
    total: '满分',
    bonus: '加分项',
    cap: '上限',
    vetoes: '一票否决',
    starLevels: '星级规则',
    fullTree: '完整指标树（与 station-eval rubric show 相同）',
    diagText: '命令行输出（station-eval rubric validate）',
    uploading: (i, n) => `正在上传 ${i}/${n} …`,
    scoring: '正在评分…',
    needSelf: '请先放入站点自评表',
    needRubric: '请先在“评分细则”中选择一份没有错误的细则',
    needFolder: '请先选择自评表文件夹',
    totalLabel: '总分',
    noStar: '未达到星级',
    why: '依据',
    toReach: (name) => `升到${name}还需要`,
    self: '自评',
    spot: '抽查',
    deviation: '偏差',
    selfMinusSpot: '自评−抽查',
    rescaled: '（按适用项折算）',
    penalty: '虚高扣减',
    verified: '已核实',
    unverified: '未核实',
    complete: '完整',
    incomplete: '不完整',
    dlPdf: '下载 PDF 报告',
    dlXlsx: '下载 Excel 报告',
    dlJson: '下载结果 JSON',
    savedIn: '已保存到',
    terminal: '终端显示（与 station-eval score 相同）',
    readerNotes: '提示',
    scoreFailed: '无法评分',
    seeProblems: '详见“问题清单”。',
    stageUpload: '上传',
    queued: '准备中…',
    batchDone: (s) => `评分 ${s.scored} 站，失败 ${s.failed} 个文件，未提交 ${s.missing} 站，抽查核实 ${s.spotChecked} 站`,
    scored: '已评分',
    failedFiles: '未能评分的文件',
    missing: '未提交',
    spotChecked: '抽查核实',
    summaryXlsx: '汇总.xlsx',
    overviewPdf: '总览.pdf',
    resultsJsonl: 'results.jsonl',
    zipAll: '全部打包下载 (.zip)',
    county: '县(市、区)',
    station: '站点',
    score: '总分',
    level: '星级',
    check: '核实',
    completeCol: '完整',
    deviationCol: '偏差',
    pdf: 'PDF',
    allCounties: '全部县区',
    allLevels: '全部星级',
    allChecks: '全部',
    onlyVerified: '已抽查核实',
    onlyUnverified: '未抽查核实',
    search: '查找站点',
    noStarLevel: '无星级',
    shown: (n, m) => `显示 ${n} / ${m} 站`,
    noProblems: '目前没有问题。',
    fromRubric: '评分细则',
    fromStation: '单站评分',
    fromBatch: '批量评分',
    fromUpload: '未上传的文件',
    fromRoster: '名册中未提交的站点',
    notSubmitted: '站点名册中有，但没有自评表（未提交）',
    skipped: (n) => `跳过 ${n} 个不是工作簿的文件`,
    notWorkbook: '不是工作簿（只接受 .xlsx .xlsm .xls .et .ods .csv），未上传',
    stations: '站',
    yes: '是',
    no: '否',
    files: '所有输出文件',
    batchFailed: '批量评分失败',
  },
  en: {
    title: 'Township social-work station evaluation',
    subtitle: 'Runs on this computer; no file is sent anywhere',
    currentRubric: 'Rubric',
    runDir: 'Output folder',
    tabRubric: 'Rubric',
    tabTemplate: 'Template',
    tabStation: 'One station',
    tabBatch: 'County / province',
    tabProblems: 'Problems',
    rubricHead: 'Choose a rubric',
    rubricHint: 'Pick a bundled rubric or upload your own (.yaml): it is validated first, with every problem at its line and column; without errors, its outline is shown.',
    bundled: 'Bundled rubric',
    or: 'or',
    uploadRubric: 'Upload a rubric…',
    templateHead: 'Download the template',
    templateHint: 'The Excel workbook stations fill in, for the current rubric. Fill in the station to get a pre-filled one; leave it empty for a blank one.',
    fStation: 'Station',
    fCounty: 'County',
    fTownship: 'Township',
    fOperator: 'Operator',
    fYear: 'Year',
    blankTemplate: 'Blank template',
    filledTemplate: 'Pre-filled template',
    stationHead: 'Score one station',
    stationHint: "Drop the station's self-assessment, and the spot check if there is one (one station's sheet or a consolidated table).",
    selfFile: 'Self-assessment',
    spotFileOptional: 'Spot check (optional)',
    dropHere: 'Drop a file here, or click to choose',
    dropFolder: 'Drop a folder here, or click to choose',
    scoreButton: 'Score',
    clear: 'Clear',
    batchHead: 'Every station of a county or province',
    batchHint: 'Choose the folder of self-assessment workbooks (with subfolders), then the roster and the spot check (both optional). The results are those of the batch command.',
    folder: 'Folder of self-assessments',
    rosterOptional: 'Roster (optional)',
    spotSummaryOptional: 'Spot check (optional)',
    batchButton: 'Score them all',
    problemsHead: 'Problems',
    problemsHint: 'Every file and cell that could not be used, located as the command line gives it.',
    checking: 'Validating…',
    noErrors: 'No errors',
    nErrors: (n) => `${n} error${n === 1 ? '' : 's'}`,
    nWarnings: (n) => `${n} warning${n === 1 ? '' : 's'}`,
    rubricUnusable: 'This rubric has errors and cannot be used for scoring; fix them at the places below and upload it again.',
    where: 'Where',
    severity: 'Severity',
    code: 'Code',
    message: 'Message',
    error: 'error',
    warning: 'warning',
    modules: 'Module',
    points: 'Points',
    items: 'Items',
    total: 'Maximum',
    bonus: 'Bonus',
    cap: 'cap',
    vetoes: 'Vetoes',
    starLevels: 'Star rules',
    fullTree: 'Full indicator tree (as station-eval rubric show)',
    diagText: 'Command-line output (station-eval rubric validate)',
    uploading: (i, n) => `Uploading ${i}/${n} …`,
    scoring: 'Scoring…',
    needSelf: 'Add the self-assessment workbook first',
    needRubric: 'Choose a rubric without errors under “Rubric” first',
    needFolder: 'Choose the folder of self-assessments first',
    totalLabel: 'Total',
    noStar: 'no star',
    why: 'Why',
    toReach: (name) => `To reach ${name}`,
    self: 'Self',
    spot: 'spot check',
    deviation: 'deviation',
    selfMinusSpot: 'self−spot',
    rescaled: ' (rescaled)',
    penalty: 'inflation penalty',
    verified: 'verified',
    unverified: 'unverified',
    complete: 'complete',
    incomplete: 'incomplete',
    dlPdf: 'Download PDF report',
    dlXlsx: 'Download Excel report',
    dlJson: 'Download result JSON',
    savedIn: 'Saved in',
    terminal: 'Terminal view (as station-eval score)',
    readerNotes: 'Notes',
    scoreFailed: 'Could not score',
    seeProblems: 'See “Problems”.',
    stageUpload: 'Upload',
    queued: 'Starting…',
    batchDone: (s) => `scored ${s.scored}, failed ${s.failed} files, missing ${s.missing}, spot-checked ${s.spotChecked}`,
    scored: 'Scored',
    failedFiles: 'Files not scored',
    missing: 'Missing',
    spotChecked: 'Spot-checked',
    summaryXlsx: '汇总.xlsx (summary)',
    overviewPdf: '总览.pdf (overview)',
    resultsJsonl: 'results.jsonl',
    zipAll: 'Everything as a .zip',
    county: 'County',
    station: 'Station',
    score: 'Total',
    level: 'Level',
    check: 'Verified',
    completeCol: 'Complete',
    deviationCol: 'Deviation',
    pdf: 'PDF',
    allCounties: 'All counties',
    allLevels: 'All levels',
    allChecks: 'All',
    onlyVerified: 'Spot-checked',
    onlyUnverified: 'Not spot-checked',
    search: 'Find a station',
    noStarLevel: 'No star',
    shown: (n, m) => `${n} of ${m} stations shown`,
    noProblems: 'No problems so far.',
    fromRubric: 'Rubric',
    fromStation: 'One station',
    fromBatch: 'County / province',
    fromUpload: 'Files not uploaded',
    fromRoster: 'Roster stations that did not submit',
    notSubmitted: 'in the roster, but no self-assessment (missing)',
    skipped: (n) => `${n} files that are not workbooks skipped`,
    notWorkbook: 'not a workbook (only .xlsx .xlsm .xls .et .ods .csv); not uploaded',
    stations: 'stations',
    yes: 'yes',
    no: 'no',
    files: 'All output files',
    batchFailed: 'The batch failed',
  },
};

const state = {
  // The last choice on this computer, else the language the server was started with (--lang, LANG).
  lang: (localStorage.getItem('station-eval-lang') ?? document.body.dataset.lang) === 'en' ? 'en' : 'zh',
  info: null,
  rubric: null, // the last checked rubric (response of /api/rubric)
  rubricId: null, // id of a rubric without errors
  station: null, // last /api/score answer
  stationError: null,
  batch: null, // last finished job result
  batchError: null,
  skipped: [], // folder files not uploaded
  files: { self: null, spot: null, roster: null, batchSpot: null, folder: [] },
  sort: { key: 'county', dir: 1 },
  filter: { county: '', level: '', check: '', text: '' },
  tab: 'rubric',
};

const tr = (key, ...args) => {
  const v = I18N[state.lang][key] ?? I18N.zh[key] ?? key;
  return typeof v === 'function' ? v(...args) : v;
};
const colon = () => (state.lang === 'en' ? ': ' : '：');
const pick = (both) => (both && typeof both === 'object' ? (both[state.lang] ?? both.zh) : both);
const $ = (id) => document.getElementById(id);
const withToken = (url) => `${url}${url.includes('?') ? '&' : '?'}token=${encodeURIComponent(TOKEN)}`;

/** Build an element: el('div', {class: 'x'}, 'text', child …). Text is always text. */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'dataset') Object.assign(node.dataset, v);
    // Through the CSSOM: the page's Content-Security-Policy forbids style attributes.
    else if (k === 'style') node.style.cssText = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    node.append(c instanceof window.Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

async function api(method, url, body) {
  const init = { method, headers: { 'X-Token': TOKEN } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await fetch(url, init);
  const data = await res.json().catch(() => ({}));
  return { ok: res.ok, status: res.status, data };
}

async function newSet() {
  const r = await api('POST', '/api/sets');
  if (!r.ok) throw new Error(r.data.error?.message ?? `HTTP ${r.status}`);
  return r.data.set;
}

async function upload(set, role, name, file) {
  const url = `/api/upload?set=${encodeURIComponent(set)}&role=${role}&name=${encodeURIComponent(name)}`;
  const res = await fetch(url, { method: 'POST', headers: { 'X-Token': TOKEN, 'Content-Type': 'application/octet-stream' }, body: file });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw Object.assign(new Error(data.error?.message ?? `HTTP ${res.status}`), { code: data.error?.code });
  return data;
}

/** A status line that follows the language switch. */
function setStatus(id, key, error = false, ...args) {
  const node = $(id);
  node.dataset.key = key ?? '';
  node.dataset.args = JSON.stringify(args);
  node.className = error ? 'status error' : 'status';
  node.textContent = key ? tr(key, ...args) : '';
}

// ── language ──

function applyLang() {
  document.documentElement.lang = state.lang === 'en' ? 'en' : 'zh-CN';
  for (const node of document.querySelectorAll('[data-i18n]')) {
    const drop = node.closest('.drop');
    if (node.classList.contains('drop-name') && drop?.classList.contains('filled')) continue;
    node.textContent = tr(node.dataset.i18n);
  }
  $('lang-switch').textContent = state.lang === 'en' ? '中文' : 'English';
  if (state.progress) $('progress-stage').textContent = stageLabel(state.progress.stage);
  for (const id of ['score-status', 'batch-status']) {
    const node = $(id);
    if (node.dataset.key) node.textContent = tr(node.dataset.key, ...JSON.parse(node.dataset.args || '[]'));
  }
  document.title = state.lang === 'en' ? 'Station evaluation · station-eval' : '社工站评估 · station-eval';
  renderRubric();
  renderStation();
  renderBatch();
  renderProblems();
  updateTemplateLinks();
}

// ── tabs ──

function showTab(name) {
  state.tab = name;
  for (const b of document.querySelectorAll('.tabs button')) b.classList.toggle('active', b.dataset.tab === name);
  for (const p of document.querySelectorAll('.panel')) p.classList.toggle('active', p.id === `tab-${name}`);
}

// ── 1. rubric ──

async function chooseBundled(name) {
  $('rubric-result').replaceChildren(el('p', { class: 'muted' }, tr('checking')));
  const r = await api('POST', '/api/rubric', { bundled: name });
  takeRubric(r);
}

async function uploadRubric(file) {
  $('rubric-result').replaceChildren(el('p', { class: 'muted' }, tr('checking')));
  try {
    const set = await newSet();
    const up = await upload(set, 'rubric', file.name, file);
    takeRubric(await api('POST', '/api/rubric', { set, file: up.id }));
  } catch (err) {
    takeRubric({ ok: false, data: { error: { message: err.message } } });
  }
}

function takeRubric(r) {
  if (!r.ok) {
    state.rubric = { label: '', errors: 1, warnings: 0, diagnostics: [], failure: r.data.error?.message ?? 'error' };
  } else {
    state.rubric = r.data;
    if (r.data.id) state.rubricId = r.data.id;
  }
  $('current-rubric').textContent = state.rubricId ? (r.ok && r.data.id ? r.data.label : $('current-rubric').textContent) : '—';
  renderRubric();
  renderProblems();
  updateTemplateLinks();
}

function renderRubric() {
  const box = $('rubric-result');
  const r = state.rubric;
  if (!r) return;
  const parts = [];
  if (r.failure) {
    parts.push(el('div', { class: 'card' }, el('p', { class: 'err' }, r.failure)));
    box.replaceChildren(...parts);
    return;
  }
  const status =
    r.errors > 0
      ? el('p', {}, el('span', { class: 'err' }, `✗ ${r.label}：${tr('nErrors', r.errors)}`), r.warnings ? `，${tr('nWarnings', r.warnings)}` : '')
      : el('p', {}, el('span', { class: 'ok' }, `✓ ${r.label}：${tr('noErrors')}`), r.warnings ? el('span', { class: 'warn' }, `（${tr('nWarnings', r.warnings)}）`) : '');
  parts.push(status);
  if (r.errors > 0) parts.push(el('p', { class: 'muted' }, tr('rubricUnusable')));
  if (r.diagnostics.length > 0) parts.push(el('div', { class: 'card' }, diagnosticsTable(r)));
  if (r.summary) parts.push(outline(r));
  if (r.text) parts.push(el('details', {}, el('summary', {}, tr('diagText')), el('pre', { class: 'terminal' }, pick(r.text))));
  box.replaceChildren(...parts);
}

function diagnosticsTable(r) {
  return el(
    'table',
    { class: 'diagnostics' },
    el('thead', {}, el('tr', {}, el('th', {}, tr('where')), el('th', {}, tr('severity')), el('th', {}, tr('code')), el('th', {}, tr('message')))),
    el(
      'tbody',
      {},
      r.diagnostics.map((d) =>
        el(
          'tr',
          { class: `sev-${d.severity}` },
          el('td', { class: 'loc' }, `${r.label}:${d.line}:${d.column}`),
          el('td', { class: `nowrap ${d.severity === 'error' ? 'err' : 'warn'}` }, tr(d.severity)),
          el('td', { class: 'loc' }, d.code),
          el('td', {}, state.lang === 'en' ? d.messageEn : d.message, d.path ? el('div', { class: 'muted loc' }, d.path) : ''),
        ),
      ),
    ),
  );
}

function outline(r) {
  const s = r.summary;
  const modules = el(
    'table',
    {},
    el('thead', {}, el('tr', {}, el('th', {}, tr('modules')), el('th', { class: 'num-cell' }, tr('points')), el('th', { class: 'num-cell' }, tr('items')))),
    el(
      'tbody',
      {},
      s.modules.map((m) => el('tr', {}, el('td', {}, `${m.id} ${m.name}`), el('td', { class: 'num-cell' }, m.points), el('td', { class: 'num-cell' }, m.items))),
      el(
        'tr',
        {},
        el('th', {}, tr('total')),
        el('th', { class: 'num-cell' }, s.total),
        el(
          'th',
          { class: 'num-cell' },
          s.modules.reduce((n, m) => n + m.items, 0),
        ),
      ),
    ),
  );
  const right = el(
    'div',
    {},
    el('h3', {}, tr('starLevels')),
    el(
      'ul',
      { class: 'plain' },
      pick(s.stars).map((l) => el('li', {}, l)),
    ),
    s.bonus ? el('p', {}, el('b', {}, `${tr('bonus')}${colon()}`), `${s.bonus.name}（${tr('cap')} ${s.bonus.cap}）`) : '',
    s.vetoes.length ? el('p', {}, el('b', {}, `${tr('vetoes')}${colon()}`), s.vetoes.join('、')) : '',
  );
  return el(
    'div',
    { class: 'card', id: 'rubric-outline' },
    el('h3', {}, s.title),
    el('p', { class: 'muted' }, `${s.id} ${s.version}${s.illustrative ? ` · ${s.illustrative}` : ''}`),
    el('div', { class: 'outline-grid' }, modules, right),
    el('details', {}, el('summary', {}, tr('fullTree')), el('pre', { class: 'tree' }, pick(r.outline))),
  );
}

// ── 2. template ──

function updateTemplateLinks() {
  const blank = $('template-blank');
  const filled = $('template-filled');
  if (!state.rubricId) {
    for (const a of [blank, filled]) {
      a.classList.add('disabled');
      a.href = '#';
    }
    return;
  }
  const base = `/api/template?rubric=${encodeURIComponent(state.rubricId)}`;
  blank.href = withToken(base);
  const q = new URLSearchParams();
  for (const [k, id] of [
    ['station', 't-station'],
    ['county', 't-county'],
    ['township', 't-township'],
    ['operator', 't-operator'],
    ['year', 't-year'],
  ]) {
    const v = $(id).value.trim();
    if (v) q.set(k, v);
  }
  filled.href = withToken(`${base}&${q.toString()}`);
  blank.classList.remove('disabled');
  filled.classList.toggle('disabled', $('t-station').value.trim() === '');
}

// ── drop zones ──

function dropZone(zoneId, inputId, key, { folder = false } = {}) {
  const zone = $(zoneId);
  const input = $(inputId);
  const show = () => {
    const name = zone.querySelector('.drop-name');
    const f = state.files[key];
    const filled = folder ? f.length > 0 : !!f;
    zone.classList.toggle('filled', filled);
    if (!filled) name.textContent = tr(name.dataset.i18n);
    else if (folder) name.textContent = `${folderName(f)} · ${f.length} ${state.lang === 'en' ? 'files' : '个文件'}`;
    else name.textContent = f.name;
  };
  input.addEventListener('change', () => {
    state.files[key] = folder ? [...input.files].map((file) => ({ file, path: file.webkitRelativePath || file.name })) : (input.files[0] ?? null);
    show();
  });
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', async (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    if (folder) state.files[key] = await droppedFiles(e.dataTransfer);
    else state.files[key] = e.dataTransfer.files[0] ?? null;
    show();
  });
  return {
    show,
    reset: () => {
      input.value = '';
      state.files[key] = folder ? [] : null;
      show();
    },
  };
}

function folderName(list) {
  const first = list[0]?.path ?? '';
  return first.includes('/') ? first.split('/')[0] : '';
}

/** Files of dropped folders, with their relative paths (webkitGetAsEntry). */
async function droppedFiles(dt) {
  const out = [];
  const walk = async (entry, prefix) => {
    if (entry.isFile) {
      const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
      out.push({ file, path: prefix + entry.name });
    } else if (entry.isDirectory) {
      const reader = entry.createReader();
      for (;;) {
        const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
        if (batch.length === 0) break;
        for (const child of batch) await walk(child, `${prefix}${entry.name}/`);
      }
    }
  };
  for (const item of [...dt.items]) {
    const entry = item.webkitGetAsEntry?.();
    if (entry) await walk(entry, '');
  }
  return out;
}

// ── 3. one station ──

async function scoreStation() {
  setStatus('score-status', null);
  if (!state.rubricId) return setStatus('score-status', 'needRubric', true);
  if (!state.files.self) return setStatus('score-status', 'needSelf', true);
  $('score-button').disabled = true;
  state.station = null;
  state.stationError = null;
  renderStation();
  try {
    const set = await newSet();
    const total = state.files.spot ? 2 : 1;
    setStatus('score-status', 'uploading', false, 1, total);
    const self = await upload(set, 'self', state.files.self.name, state.files.self);
    let spot;
    if (state.files.spot) {
      setStatus('score-status', 'uploading', false, 2, total);
      spot = await upload(set, 'spot', state.files.spot.name, state.files.spot);
    }
    setStatus('score-status', 'scoring');
    const r = await api('POST', '/api/score', { rubric: state.rubricId, set, self: self.id, spot: spot?.id, lang: state.lang });
    if (r.ok) state.station = r.data;
    else state.stationError = r.data.error ?? { message: `HTTP ${r.status}` };
  } catch (err) {
    state.stationError = { message: err.message };
  }
  setStatus('score-status', null);
  $('score-button').disabled = false;
  renderStation();
  renderProblems();
}

function renderStation() {
  const box = $('station-result');
  if (state.stationError) {
    box.replaceChildren(
      el(
        'div',
        { class: 'card' },
        el('p', { class: 'err' }, `${tr('scoreFailed')}${colon()}`),
        el('pre', { class: 'tree', id: 'station-error' }, state.stationError.message),
        el('p', { class: 'muted' }, tr('seeProblems')),
      ),
    );
    return;
  }
  if (!state.station) return void box.replaceChildren();
  const { view: v, downloads, terminal, warnings, dir } = state.station;
  const where = [v.station.county, v.station.township, v.station.operator].filter(Boolean).join(' · ');
  const modules = el(
    'div',
    { class: 'modules' },
    v.modules.map((m) => [
      el('span', { class: 'name' }, m.name),
      el('div', { class: 'bar' }, el('div', { class: m.ratio >= 0.9 ? 'hi' : m.ratio >= 0.6 ? 'mid' : 'lo', style: `width:${(m.ratio * 100).toFixed(1)}%` })),
      el('span', { class: 'score' }, `${m.final} / ${m.max}`),
      el('span', { class: 'extra' }, m.percent, m.rescaled ? tr('rescaled') : '', m.deviation ? `  ${tr('selfMinusSpot')} ${m.deviation}` : ''),
    ]),
  );
  const extras = [];
  if (v.bonus) extras.push(`${state.lang === 'en' && !v.bonus.name ? tr('bonus') : v.bonus.name} ${v.bonus.points}`);
  if (v.penalty) extras.push(`${tr('penalty')} −${v.penalty}`);
  const card = el(
    'div',
    { class: 'card', id: 'station-card' },
    el('h3', {}, v.station.name, where ? el('span', { class: 'muted' }, `（${where}）`) : ''),
    el('p', { class: 'muted' }, `${state.lang === 'en' ? 'Rubric' : '细则'}${colon()}${v.rubric.title} ${v.rubric.version}`),
    el(
      'div',
      { class: 'verdict' },
      el('span', { class: 'total', id: 'station-total' }, `${tr('totalLabel')} ${v.total}`, el('small', {}, ` / ${v.maxTotal}`)),
      v.stars ? el('span', { class: 'stars' }, v.starsText) : '',
      el('span', { class: `level${v.stars ? '' : ' none'}`, id: 'station-level' }, v.starName ?? tr('noStar')),
      el('span', { class: `tag ${v.verified ? 'good' : 'warn'}` }, v.verified ? tr('verified') : tr('unverified')),
      v.complete ? '' : el('span', { class: 'tag bad' }, tr('incomplete')),
    ),
    modules,
    extras.length ? el('p', { class: 'muted' }, extras.join(' · ')) : '',
    v.chain ? el('p', { class: 'muted', id: 'station-chain' }, pick(v.chain)) : '',
    v.parties ? el('p', { class: 'muted', id: 'station-parties' }, pick(v.parties)) : '',
    el('p', { class: 'reason' }, el('b', {}, `${tr('why')}${colon()}`), pick(v.reason)),
    v.nextStar && v.nextStar.needs.length
      ? [
          el('p', { class: 'reason' }, el('b', {}, `${tr('toReach', v.nextStar.name)}${colon()}`)),
          el(
            'ul',
            { class: 'plain' },
            v.nextStar.needs.map((n) => el('li', {}, pick(n))),
          ),
        ]
      : '',
    v.check
      ? [
          el('p', { id: 'station-check' }, pick(v.check)),
          v.deviations.length
            ? el(
                'ul',
                { class: 'plain' },
                v.deviations.map((i) =>
                  el('li', {}, i.inflated ? el('span', { class: 'err' }, '▲ ') : '', `${i.id} ${i.name}${colon()}${tr('self')} ${i.self} → ${tr('spot')} ${i.spot}（${i.deviation}）`),
                ),
              )
            : '',
        ]
      : '',
    v.notices.map((n) => el('div', { class: `notice ${n.kind}` }, `! ${n.text}`)),
    v.flags.map((f) => el('div', { class: 'notice warning' }, `! ${pick(f)}`)),
    v.warnings.map((w) => el('p', { class: 'muted' }, pick(w))),
    warnings.length
      ? el(
          'div',
          {},
          el('b', {}, `${tr('readerNotes')}${colon()}`),
          el(
            'ul',
            { class: 'plain' },
            warnings.map((w) => el('li', { class: w.severity === 'error' ? 'err' : '' }, pick(w))),
          ),
        )
      : '',
    el(
      'div',
      { class: 'downloads' },
      downloads.pdf ? el('a', { class: 'button primary', id: 'dl-pdf', href: withToken(downloads.pdf), download: '' }, tr('dlPdf')) : '',
      downloads.xlsx ? el('a', { class: 'button', id: 'dl-xlsx', href: withToken(downloads.xlsx), download: '' }, tr('dlXlsx')) : '',
      downloads.json ? el('a', { class: 'button', id: 'dl-json', href: withToken(downloads.json), download: '' }, tr('dlJson')) : '',
    ),
    el('p', { class: 'muted' }, `${tr('savedIn')} `, el('code', {}, dir)),
    el('details', {}, el('summary', {}, tr('terminal')), el('pre', { class: 'terminal' }, pick(terminal))),
  );
  box.replaceChildren(card);
}

// ── 4. county / province ──

const WORKBOOK = /\.(xlsx|xlsm|xls|et|ods|csv)$/i;

async function runBatch() {
  setStatus('batch-status', null);
  if (!state.rubricId) return setStatus('batch-status', 'needRubric', true);
  const all = state.files.folder;
  if (all.length === 0) return setStatus('batch-status', 'needFolder', true);
  $('batch-button').disabled = true;
  state.batch = null;
  state.batchError = null;
  const hidden = (p) => p.split('/').some((s) => s.startsWith('.') || s.startsWith('~$'));
  const wanted = all.filter((f) => !hidden(f.path) && WORKBOOK.test(f.path));
  state.skipped = all.filter((f) => !hidden(f.path) && !WORKBOOK.test(f.path)).map((f) => f.path);
  renderBatch();
  renderProblems();
  const bar = progressBar();
  try {
    const set = await newSet();
    const extra = [state.files.roster, state.files.batchSpot].filter(Boolean).length;
    const n = wanted.length + extra;
    let i = 0;
    bar.set('stageUpload', 0, n);
    const uploadErrors = [];
    // Four uploads in flight: a province's thousand workbooks go up in a fraction of the time.
    let next = 0;
    const worker = async () => {
      while (next < wanted.length) {
        const f = wanted[next++];
        try {
          await upload(set, 'self', f.path, f.file);
        } catch (err) {
          uploadErrors.push({ file: f.path, message: err.message });
        }
        bar.set('stageUpload', ++i, n);
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    uploadErrors.sort((a, b) => (a.file < b.file ? -1 : 1));
    const roster = state.files.roster ? await upload(set, 'roster', state.files.roster.name, state.files.roster) : undefined;
    if (roster) bar.set('stageUpload', ++i, n);
    const spot = state.files.batchSpot ? await upload(set, 'spot', state.files.batchSpot.name, state.files.batchSpot) : undefined;
    if (spot) bar.set('stageUpload', ++i, n);
    state.skipped.push(...uploadErrors.map((e) => `${e.file}: ${e.message}`));
    bar.set('queued', 0, 0);
    const start = await api('POST', '/api/batch', { rubric: state.rubricId, set, roster: roster?.id, spot: spot?.id, lang: state.lang });
    if (!start.ok) throw new Error(start.data.error?.message ?? `HTTP ${start.status}`);
    await followJob(start.data.job, bar);
    const r = await api('GET', `/api/jobs/${start.data.job}`);
    if (r.data.status === 'done') state.batch = r.data.result;
    else state.batchError = r.data.error ?? { message: tr('batchFailed') };
  } catch (err) {
    state.batchError = { message: err.message };
  }
  $('batch-button').disabled = false;
  renderBatch();
  renderProblems();
}

/** The bar keeps its stage key, so the language switch relabels it. */
function progressBar() {
  const box = $('batch-progress');
  box.hidden = false;
  return {
    set(stage, done, total) {
      state.progress = { stage, done, total };
      $('progress-stage').textContent = stageLabel(stage);
      $('progress-count').textContent = total > 0 ? `${done} / ${total}` : '';
      $('progress-bar').style.width = total > 0 ? `${((done / total) * 100).toFixed(1)}%` : '0%';
    },
  };
}

/** The batch's stage names (it reports them in Chinese); the page's own stages are i18n keys. */
const STAGES = { en: { 读取: 'Reading', 评分与报告: 'Scoring and reports', 评分: 'Scoring' } };
const stageLabel = (stage) => (I18N.zh[stage] !== undefined ? tr(stage) : (STAGES[state.lang]?.[stage] ?? stage));

/** Follow the job's progress over server-sent events until it is done or failed. */
function followJob(job, bar) {
  return new Promise((resolve) => {
    const source = new EventSource(withToken(`/api/jobs/${job}/events`));
    source.addEventListener('progress', (e) => {
      const p = JSON.parse(e.data);
      if (p.stage) bar.set(p.stage, p.done, p.total);
    });
    const end = () => {
      source.close();
      resolve();
    };
    source.addEventListener('done', end);
    source.addEventListener('failed', end);
    source.onerror = end;
  });
}

function renderBatch() {
  const box = $('batch-result');
  if (state.batchError) {
    box.replaceChildren(el('div', { class: 'card' }, el('p', { class: 'err' }, `${tr('batchFailed')}${colon()}`), el('pre', { class: 'tree' }, state.batchError.message)));
    return;
  }
  const b = state.batch;
  if (!b) return void box.replaceChildren();
  const s = b.summary;
  const starText = s.stars
    .filter((x) => x.count > 0)
    .reverse()
    .map((x) => `${x.name} ${x.count}`)
    .join(state.lang === 'en' ? ', ' : '，');
  const links = el(
    'div',
    { class: 'downloads' },
    b.downloads.summary ? el('a', { class: 'button primary', id: 'dl-summary', href: withToken(b.downloads.summary), download: '' }, tr('summaryXlsx')) : '',
    b.downloads.overview ? el('a', { class: 'button', id: 'dl-overview', href: withToken(b.downloads.overview), download: '' }, tr('overviewPdf')) : '',
    b.downloads.results ? el('a', { class: 'button', href: withToken(b.downloads.results), download: '' }, tr('resultsJsonl')) : '',
    el('a', { class: 'button', id: 'dl-zip', href: withToken(b.downloads.zip), download: '' }, tr('zipAll')),
  );
  const head = el(
    'div',
    { class: 'card', id: 'batch-summary' },
    el(
      'div',
      { class: 'summary-line' },
      el('span', {}, `${tr('scored')} `, el('b', { id: 'batch-scored' }, s.scored), ` ${tr('stations')}`),
      el('span', {}, `${tr('failedFiles')} `, el('b', { class: s.failed ? 'err' : '' }, s.failed)),
      el('span', {}, `${tr('missing')} `, el('b', {}, s.missing)),
      el('span', {}, `${tr('spotChecked')} `, el('b', {}, s.spotChecked)),
    ),
    starText ? el('p', {}, `★ ${starText}`) : '',
    links,
    el('p', { class: 'muted' }, `${tr('savedIn')} `, el('code', {}, b.dir)),
  );
  box.replaceChildren(
    head,
    stationTable(b.rows),
    el(
      'details',
      {},
      el('summary', {}, `${tr('files')} (${b.files.length})`),
      el(
        'ul',
        { class: 'plain' },
        b.files.map((f) => el('li', {}, el('a', { href: withToken(f.url), download: '' }, f.name))),
      ),
    ),
  );
}

function stationTable(rows) {
  const counties = [...new Set(rows.map((r) => r.county))].sort((a, b) => a.localeCompare(b, 'zh-CN'));
  const levels = [...new Map(rows.map((r) => [r.stars, r.starName || tr('noStarLevel')])).entries()].sort((a, b) => b[0] - a[0]);
  const f = state.filter;
  // One filter: a labelled select over `choices` ([value, label] pairs, the first "all"), bound to state.filter[key].
  const select = (key, label, choices) =>
    el(
      'label',
      {},
      label,
      el(
        'select',
        {
          id: `filter-${key}`,
          onchange: (e) => {
            f[key] = e.target.value;
            renderBatch();
          },
        },
        choices.map(([value, text]) => el('option', { value, selected: value === f[key] }, text)),
      ),
    );
  const filters = el(
    'div',
    { class: 'filters' },
    select('county', tr('county'), [['', tr('allCounties')], ...counties.map((c) => [c, c])]),
    select('level', tr('level'), [['', tr('allLevels')], ...levels.map(([n, name]) => [String(n), name])]),
    select('check', tr('check'), [
      ['', tr('allChecks')],
      ['yes', tr('onlyVerified')],
      ['no', tr('onlyUnverified')],
    ]),
    el(
      'label',
      {},
      tr('search'),
      el('input', {
        id: 'filter-text',
        type: 'text',
        value: f.text,
        oninput: (e) => {
          f.text = e.target.value;
          renderRows();
        },
      }),
    ),
  );
  const columns = [
    ['county', tr('county'), (r) => r.county],
    ['name', tr('station'), (r) => r.name],
    ['total', tr('score'), (r) => r.totalValue, true],
    ['stars', tr('level'), (r) => r.stars],
    ['verified', tr('check'), (r) => (r.verified ? 1 : 0)],
    ['complete', tr('completeCol'), (r) => (r.complete ? 1 : 0)],
    ['deviation', tr('deviationCol'), (r) => Number(r.deviation || 0), true],
  ];
  const tbody = el('tbody', { id: 'station-rows' });
  const count = el('p', { class: 'muted', id: 'rows-shown' });
  const thead = el(
    'thead',
    {},
    el(
      'tr',
      {},
      columns.map(([key, label, , num]) =>
        el(
          'th',
          {
            class: `sortable${num ? ' num-cell' : ''}${state.sort.key === key ? (state.sort.dir > 0 ? ' sorted-asc' : ' sorted-desc') : ''}`,
            dataset: { key },
            onclick: () => {
              state.sort = { key, dir: state.sort.key === key ? -state.sort.dir : key === 'total' || key === 'stars' ? -1 : 1 };
              renderBatch();
            },
          },
          label,
        ),
      ),
      el('th', {}, tr('pdf')),
    ),
  );
  function renderRows() {
    const text = f.text.trim().toLowerCase();
    const shown = rows.filter(
      (r) =>
        (!f.county || r.county === f.county) &&
        (f.level === '' || String(r.stars) === f.level) &&
        (!f.check || (f.check === 'yes') === r.verified) &&
        (!text || `${r.county}${r.name}`.toLowerCase().includes(text)),
    );
    const col = columns.find((c) => c[0] === state.sort.key) ?? columns[0];
    const value = col[2];
    shown.sort((a, b) => {
      const x = value(a);
      const y = value(b);
      const d = typeof x === 'number' ? x - y : String(x).localeCompare(String(y), 'zh-CN');
      return d * state.sort.dir || a.county.localeCompare(b.county, 'zh-CN') || a.name.localeCompare(b.name, 'zh-CN');
    });
    tbody.replaceChildren(
      ...shown.map((r) =>
        el(
          'tr',
          {},
          el('td', {}, r.county),
          el('td', {}, r.name),
          el('td', { class: 'num-cell' }, r.total),
          el('td', {}, r.stars ? el('span', { class: 'stars', style: 'font-size:14px' }, '★'.repeat(r.stars), ' ') : '', r.starName || el('span', { class: 'muted' }, tr('noStarLevel'))),
          el('td', {}, el('span', { class: `tag ${r.verified ? 'good' : ''}` }, r.verified ? tr('verified') : tr('unverified'))),
          el('td', {}, r.complete ? tr('yes') : el('span', { class: 'err' }, tr('no'))),
          el('td', { class: `num-cell${r.inflated ? ' err' : ''}` }, r.deviation),
          el('td', {}, r.pdf ? el('a', { href: withToken(r.pdf), download: '' }, 'PDF') : ''),
        ),
      ),
    );
    count.textContent = tr('shown', shown.length, rows.length);
  }
  renderRows();
  return el('div', {}, filters, count, el('div', { class: 'table-wrap' }, el('table', { id: 'station-table' }, thead, tbody)));
}

// ── 5. problems ──

function problemGroups() {
  const groups = [];
  const r = state.rubric;
  if (r && r.failure) groups.push({ title: tr('fromRubric'), items: [{ severity: 'error', text: r.failure }] });
  else if (r && r.diagnostics.length)
    groups.push({
      title: tr('fromRubric'),
      items: r.diagnostics.map((d) => ({ severity: d.severity, text: `${r.label}:${d.line}:${d.column} ${d.code} ${state.lang === 'en' ? d.messageEn : d.message}` })),
    });
  if (state.stationError) groups.push({ title: tr('fromStation'), items: [{ severity: 'error', text: state.stationError.message }] });
  else if (state.station?.warnings.length) groups.push({ title: tr('fromStation'), items: state.station.warnings.map((w) => ({ severity: w.severity, text: pick(w) })) });
  if (state.batchError) groups.push({ title: tr('fromBatch'), items: [{ severity: 'error', text: state.batchError.message }] });
  else if (state.batch?.problems.length) groups.push({ title: tr('fromBatch'), items: state.batch.problems.map((p) => ({ severity: p.severity, text: pick(p.text) })) });
  if (state.batch?.missing.length)
    groups.push({
      title: tr('fromRoster'),
      items: state.batch.missing.map((m) => ({ severity: 'warning', text: `${m.county && !m.name.startsWith(m.county) ? `${m.county} ` : ''}${m.name}: ${tr('notSubmitted')}` })),
    });
  if (state.skipped.length) groups.push({ title: tr('fromUpload'), items: state.skipped.map((s) => ({ severity: 'warning', text: s.includes(': ') ? s : `${s}: ${tr('notWorkbook')}` })) });
  return groups;
}

function renderProblems() {
  const groups = problemGroups();
  const errors = groups.reduce((n, g) => n + g.items.filter((i) => i.severity === 'error').length, 0);
  const badge = $('problem-count');
  badge.hidden = errors === 0;
  badge.textContent = String(errors);
  const box = $('problems-list');
  if (groups.length === 0) return void box.replaceChildren(el('p', { class: 'empty' }, tr('noProblems')));
  box.replaceChildren(
    ...groups.map((g) =>
      el(
        'div',
        { class: 'card problem-group' },
        el('h3', {}, g.title, el('span', { class: 'tag' }, g.items.length)),
        el(
          'table',
          {},
          el(
            'tbody',
            {},
            g.items.map((i) =>
              el('tr', { class: `sev-${i.severity}` }, el('td', { class: `nowrap ${i.severity === 'error' ? 'err' : 'warn'}` }, tr(i.severity)), el('td', { class: 'problem-text' }, i.text)),
            ),
          ),
        ),
      ),
    ),
  );
}

// ── start ──

async function start() {
  for (const b of document.querySelectorAll('.tabs button')) b.addEventListener('click', () => showTab(b.dataset.tab));
  $('lang-switch').addEventListener('click', () => {
    state.lang = state.lang === 'en' ? 'zh' : 'en';
    localStorage.setItem('station-eval-lang', state.lang);
    applyLang();
    for (const z of zones) z.show();
  });
  const zones = [
    dropZone('drop-self', 'self-file', 'self'),
    dropZone('drop-spot', 'spot-file', 'spot'),
    dropZone('drop-folder', 'folder-input', 'folder', { folder: true }),
    dropZone('drop-roster', 'roster-file', 'roster'),
    dropZone('drop-batch-spot', 'batch-spot-file', 'batchSpot'),
  ];
  $('score-button').addEventListener('click', scoreStation);
  $('score-clear').addEventListener('click', () => {
    zones[0].reset();
    zones[1].reset();
    state.station = null;
    state.stationError = null;
    renderStation();
    renderProblems();
  });
  $('batch-button').addEventListener('click', runBatch);
  for (const id of ['t-station', 't-county', 't-township', 't-operator', 't-year']) $(id).addEventListener('input', updateTemplateLinks);
  $('rubric-file').addEventListener('change', (e) => {
    const file = e.target.files[0];
    if (file) {
      $('rubric-select').value = '';
      uploadRubric(file);
    }
  });
  $('rubric-select').addEventListener('change', (e) => e.target.value && chooseBundled(e.target.value));

  const info = await api('GET', '/api/info');
  state.info = info.data;
  $('version').textContent = `${info.data.tool.name} ${info.data.tool.version}`;
  $('run-dir').textContent = info.data.dir;
  const select = $('rubric-select');
  select.replaceChildren(el('option', { value: '' }, '—'), ...info.data.rubrics.map((r) => el('option', { value: r }, r)));
  applyLang();
  const first = info.data.rubrics.includes('fujian-style.yaml') ? 'fujian-style.yaml' : info.data.rubrics[0];
  if (first) {
    select.value = first;
    await chooseBundled(first);
  }
  document.body.dataset.ready = 'true';
}

start();
