// Made-up issues, each printed with a different extraction's damage, for the rules that must
// hold beyond the bundled issue (test/next-issue.test.ts) and for the layout zoo
// (test/layouts.test.ts). Every one is a plain string, as a .txt file would hold it.

/** Extraction-style text: every printed line followed by a blank line, pages split by form feeds. */
export function extracted(pages: string[][]): string {
  return pages.map((lines) => lines.map((l) => `${l}\n\n`).join('')).join('\f');
}

export const PARKING_ISSUE = extracted([
  [
    '某某市人民政府办公室',
    '关于印发某某市停车场管理办法和某某市',
    '垃圾分类实施方案的通知',
    '某府办发〔2020〕7 号',
    '各区人民政府，市政府各部门：',
    '《某某市停车场管理办法》《某某市垃圾分类实施方案》已经市人民政府同意，现印发给你们，请认真贯彻执行。',
    '某某市人民政府办公室',
    '2020 年 3 月 2 日',
    '（此件公开发布）',
    '某某市垃圾分类实施方案',
    '一、工作目标',
    '到 2020 年底，全市生活垃圾回收利用率达',
    '到 35%以上。（市城市管理局牵头，市发展和',
    '改革委员会配合。）',
    '二、主要任务',
    '（一）推进源头减量。推行绿色办公，减少一',
    '次性用品使用，党政机关率先实行垃圾分类。',
    '（市机关事务管理局牵头。）',
    '— 5 —',
  ],
  [
    '《某某市人民政府公报》2020 年第 3 期',
    '某某市停车场管理办法',
    '第一条 为加强停车场管理，规范停车秩序，根',
    '据有关法律法规，结合本市实际，制定本办法。',
    '第二条 本办法适用于本市行政区域内停车场',
    '的规划、建设和管理。',
    '第三条 市交通运输局负责停车场的监督管',
  ],
  [
    '（二）完善分类设施。各区要在居民小区设置',
    '分类投放点，配齐分类收集容器。（市城市管',
    '理局牵头，各区人民政府落实。）',
    '三、保障措施',
    '（一）加强组织领导。成立垃圾分类工作领导',
    '小组，统筹推进全市垃圾分类工作。',
  ],
  [
    '理工作；市公安局负责停车秩序的执法。',
    '第四条 停车场经营者应当遵守下列规定：',
    '（一）明码标价；',
    '（二）建立车辆进出登记制度；',
    '某某市人民政府',
    '关于印发某某市文明养犬规定的通知',
    '某府规发〔2020〕2 号',
    '各区人民政府，市政府各部门：',
    '现将《某某市文明养犬规定》印发给你们，请遵照执行。',
    '某某市人民政府',
    '2020 年 3 月 9 日',
    '（此件公开发布）',
    '（三）保持场内设施完好。',
    '第五条 本办法自 2020 年 4 月 1 日起施行，有效',
    '期至 2025 年 3 月 31 日。',
    '【规范性文件】',
  ],
  ['某某市文明养犬规定', '第一条 为规范养犬行为，制定本规定。', '第二条 养犬人应当为犬只办理登记。'],
]);

// Another made-up issue: a 公告 printed without recipients, a notice that names what it issues
// only in its own title, 第N页 page numbers, a running header without 《》, ① items.
export const ROADS_ISSUE = extracted([
  [
    '某某市人民政府',
    '关于印发某某市道路管理办法的通知',
    '某府发〔2021〕5 号',
    '各区人民政府，市政府各部门：',
    '现将某某市道路管理办法印发给你们，请遵照执行。',
    '某某市人民政府',
    '2021 年 6 月 1 日',
    '（此件公开发布）',
    '某某市道路管理办法',
    '第一条 为加强道路管理，制定本办法。',
    '第二条 道路养护包括：',
    '①日常保养；',
    '②定期检修。',
    '第三条 本办法自 2021 年 7 月 1 日起施行。',
    '第 3 页',
  ],
  [
    '某某市人民政府公报 2021 年第 6 期',
    '某某市人民政府',
    '关于禁止燃放烟花爆竹的通告',
    '某府告〔2021〕1 号',
    '为保障公共安全，根据有关法律法规，现就禁止燃放',
    '烟花爆竹有关事项通告如下。',
    '一、本市城区全年禁止燃放烟花爆竹。',
    '二、本通告自发布之日起施行。',
    '某某市人民政府',
    '2021 年 6 月 8 日',
  ],
]);

/** A notice under a red header, dated in numerals, sent to 市 bodies. */
export const FLOOD_ISSUE = extracted([
  [
    '某某市人民政府办公室文件',
    '关于做好防汛工作的通知',
    '某府办发〔2022〕第 9 号',
    '市直各部门、各直属机构：',
    '为做好今年防汛工作，现通知如下。',
    '一、各部门要在 6 月底前完成隐患排查。（市水务局牵头，市应急管理局配合。）',
    '某某市人民政府办公室',
    '二〇二二年五月十日',
  ],
]);

/** A single-spaced extraction whose indents open paragraphs, not pages. */
export const WATER_ISSUE = [
  '某某市人民政府',
  '关于印发某某市节水办法的通知',
  '某府发〔2023〕2 号',
  '各区人民政府，市政府各部门：',
  '现将《某某市节水办法》印发给你们，请遵照执行。',
  '某某市人民政府',
  '2023 年 3 月 1 日',
  '某某市节水办法',
  '第一条 为节约用水，制定本办法。',
  '  本办法所称节水，是指提高用水效率。',
  '第二条 本办法自 2023 年 4 月 1 日起施行。',
  '— 7 —',
].join('\n');

/**
 * A 方案 whose notes close on lines of their own, as another extractor wraps them: a closing
 * bracket alone, the last words of a note with it, a note opened at the end of a line.
 */
export const SNOW_ISSUE = extracted([
  [
    '某某市人民政府办公室',
    '关于印发某某市冬季除雪保畅工作方案的通知',
    '某府办发〔2021〕12 号',
    '各区人民政府，市政府各部门：',
    '《某某市冬季除雪保畅工作方案》已经市人民政府同意，现印发给你们，请认真贯彻执行。',
    '某某市人民政府办公室',
    '2021 年 11 月 1 日',
    '（此件公开发布）',
    '某某市冬季除雪保畅工作方案',
    '一、工作目标',
    '雪停后 24 小时内主干道基本通行，48 小时内',
    '次干道基本通行。',
    '二、主要任务',
    '（一）储备融雪物资。各区按辖区道路面积储',
    '备融雪剂和防滑料。（牵头单位：市城市管理局；',
    '配合单位：市财政局；完成时限：2021 年 11 月底。',
    '）',
    '（二）组建除雪队伍。组建专业除雪队伍，配',
    '齐除雪机械。（牵头单位：市城市管理局；配合单',
    '位：市交通运输局；完成时限：2021 年 11 月 30',
    '日前。）',
    '（三）加强路况监测。（牵头单位：市公安局；配',
    '合单位：市气象局；完成时限：2021 年 12 月',
    '底。',
    '）',
    '（四）保障公交运行。雪天公交车辆优先通行，',
    '站点及时清雪。［牵头单位：市交通运输局；配合',
    '单位：各区人民政府；完成时限：2022 年 2 月底。',
    '］',
    '（五）做好信息发布。通过广播、电视及时发布',
    '路况和出行提示。（',
    '市委宣传部牵头，市气象局参与。）',
    '三、保障措施',
    '各区人民政府要加强组织领导，落实除雪责任。',
  ],
]);

/** The tasks SNOW_ISSUE states, as a clerk reads them off the page. */
export const SNOW_TASKS = [
  ['二、（一）', '储备融雪物资', ['市城市管理局'], ['市财政局'], '2021-11-30'],
  ['二、（二）', '组建除雪队伍', ['市城市管理局'], ['市交通运输局'], '2021-11-30'],
  ['二、（三）', '加强路况监测', ['市公安局'], ['市气象局'], '2021-12-31'],
  ['二、（四）', '保障公交运行', ['市交通运输局'], ['各区人民政府'], '2022-02-28'],
  ['二、（五）', '做好信息发布', ['市委宣传部'], ['市气象局'], null],
];

/**
 * An issue with facts in forms nothing here reads: a note whose labels lost their colons and a
 * 任免 clause without 同志. The ingest must name both, not drop them.
 */
export const UNREADABLE_ISSUE = extracted([
  [
    '某某市人民政府办公室',
    '关于做好春季植树工作的通知',
    '某府办发〔2022〕3 号',
    '各区人民政府，市政府各部门：',
    '为做好今年春季植树工作，现通知如下。',
    '一、各区要在 3 月底前完成苗木调运。（市林业局牵头，各区人民政府落实。）',
    '二、各区要在 4 月底前完成栽植。（牵头单位市林业局完成时限年底）',
    '某某市人民政府办公室',
    '2022 年 3 月 1 日',
  ],
  [
    '某某市人民政府',
    '关于王五同志任职的通知',
    '某府干发〔2022〕2 号',
    '各区人民政府，市政府各部门：',
    '经研究，决定：',
    '任命王五为市林业局副局长。',
    '某某市人民政府',
    '2022 年 3 月 2 日',
  ],
]);

/** The made-up issues by what each is made to test, for suites that run on all of them. */
export const MADE_UP_ISSUES: Record<string, string> = {
  'made-up: parking and refuse, interleaved': PARKING_ISSUE,
  'made-up: roads and a 公告': ROADS_ISSUE,
  'made-up: flood, red header': FLOOD_ISSUE,
  'made-up: water, single-spaced': WATER_ISSUE,
  'made-up: snow, notes closed on their own lines': SNOW_ISSUE,
};
