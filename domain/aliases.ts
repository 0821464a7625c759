// Names a text gives things itself: 市公共资源交易平台（以下简称国有产权交易机构）, 全日制普通高校
// （以下简称高校）. A question may say either; a passage may print either. Mined from the texts at
// ingest, so next month's issue brings its own.
import { matchKey } from './text.js';

export interface Alias {
  /** The name as the text first gives it. */
  full: string;
  /** What the text calls it from then on. */
  short: string;
}

// Where the named thing starts: after the last of these before the bracket (…鼓励全日制普通高校,
// …所指市人民政府法律顾问, …统一进入市公共资源交易平台). Not 和: 发展和改革委员会 is one name.
const LEADS = /^.*(?:[，。；：、“”《》（）\s]|所指|所称|进入|鼓励|引导|通过|依托|建立|设立|成立|组建|实行|实施|开展|的|由|将|把)/;

/** How a text introduces a name it then uses; each rule's `short` group is the name. */
const ALIAS_RULES: { name: string; form: RegExp }[] = [
  { name: '以下简称', form: /（(?:[^（）]{0,40}，)?以下(?:简称|称)[“"]?(?<short>[\u4e00-\u9fff\w]{2,12})[”"]?）/g },
  { name: '简称', form: /（简称[“"]?(?<short>[\u4e00-\u9fff\w]{2,12})[”"]?）/g },
];

/** A named thing is 2–30 characters of words, not a clause. */
const FULL = /^[\u4e00-\u9fff\w]{2,30}$/;

/** The names a text introduces, each once. */
export function mineAliases(text: string): Alias[] {
  const t = matchKey(text);
  const out = new Map<string, Alias>();
  for (const { form } of ALIAS_RULES) {
    for (const m of t.matchAll(form)) {
      const short = m.groups!.short;
      const before = t.slice(Math.max(0, m.index! - 60), m.index!).replace(/[“”"]+$/, '');
      const full = before.replace(LEADS, '');
      if (!FULL.test(full) || full === short) continue;
      out.set(`${full}\u0000${short}`, { full, short });
    }
  }
  return [...out.values()];
}
