// Measure text as prose reading takes it: spaces out, a line broken inside a sentence joined, and the phrases that stand
// between a body and its role word (where it sits, on what basis, in what occasion, what it is, who entrusts it, from when) dropped.
import { NUMBERING_START } from "./patterns.ts";

const TERMINAL = /[。；;：:！!？?）)”》」』…]$/;
// "领导小组办公室设在市经济和信息化委，会同有关单位…": the office is the subject; where it sits is no unit.
const SEATED_AT = /((?:办公室|办|专班|工作组|小组))设在[^\n。；;，,]{2,30}[，,]/g;
// "各地区、各有关部门根据有关规定，负责指导…": an adverbial phrase between the subject and its 负责/牵头.
const ADVERBIAL = /(?:根据|按照|依照|依据)[^\n。；;，,]{1,20}[，,](?=(?:具体|分别)?(?:负责|牵头))/g;
// "各区交通主管部门和市港航中心在核查工作中应会同海事管理机构…" (上海 沪交港〔2023〕129号 一/(一)/4/(5), unseen13h); "市交通委在各建设单位
// 和市交通建管中心初步制定…的要素平衡方案基础上，牵头组织…" (上海 沪交建〔2024〕691号 二, unseen13h): a 在-phrase of the occasion or the
// basis (…中, …过程中, …基础上) between the subject and its role word; the bodies inside it do nothing.
// The scope of its duties too (…范围内): "国务院人力资源社会保障行政部门、教育行政部门在职责范围内，分别负责管理监督考核…" (国发〔2019〕4号
// 职业教育 二/(六), 七/(二十), unseen15h2); 网络安全法 第八条 "国务院电信主管部门、公安部门和其他有关机关依照本法和有关法律、行政法规的规定，
// 在各自职责范围内负责网络安全保护和监督管理工作" (quoted in quiz files on GitHub): dropped before the 依照… phrase, which then
// stands right before the role word.
const AT_PHRASE = /在[^\n。；;，,在]{1,40}?(?:过程中|中|期间|基础上|范围内)[，,]?(?=(?:要|应|须)?(?:具体|分别|主动)?(?:负责|牵头|会同))/g;
// "各区交通主管部门或其委托的航运管理机构负责本辖区…核查工作" (沪交港〔2023〕129号 二, unseen13h); "各省、自治区、直辖市无线电管理机构
// 或其委托的机构负责组织对…验证" (《业余无线电台管理办法》, quoted on a public page): an alternative named by the pronoun 其 (whoever the
// body entrusts) names no body of its own: the body before it is the subject.
const DELEGATE = /或(?:者)?其委托的[^\n。；;，,、]{1,20}?(?=(?:要|应)?(?:具体|分别)?(?:负责|牵头|会同))/g;
// "区绿化市容局是本区建筑垃圾处理的主管部门，负责…" (虹口 虹府规〔2022〕3号); "吉尔吉斯斯坦交通与通信部是国家交通运输和通信行业的主管部门，
// 负责制定…" (an organisation profile on GitHub): the 是-clause naming what the body is stands between it and its 负责.
// Also written 为/作为: "镇规建办为限额以下工程项目管理的主管部门，负责…" (上海 闵七府〔2020〕21号 五/1); "日本经济产业省（METI）作为日本出口
// 管制相关事务的主管部门，负责…" (a public page); "X为(总)牵头单位/责任单位/配合单位" keep their own reading.
// So is "X是…的(直接)责任主体，负责…": "各乡镇政府是此项工作的直接责任主体，负责会同区有关部门具体实施" (上海 沪崇府办发〔2017〕39号
// 崇明 二, unseen13b); "长辛店镇人民政府是“…项目”（以下简称本项目）的责任主体，负责指导、协调本项目全面工作" (a 腾退 notice on GitHub).
const IS_ROLE = /(?:是|作为|为(?!总?牵头|责任|配合))[^\n。；;，,]{2,40}?(?:部门|机关|机构|主体)[，,](?=(?:主要)?(?:负责|履行))/g;

// "镇招投标工作小组受镇领导小组委托负责招标投标过程的监管" (上海 奉金府〔2019〕9号 金汇镇 三/(三)/2, tests/data/unseen14a); "执行方：多家
// 采集公司（受政府委托，负责道路病害的实地采集、信息上报）" (a road-survey project's brief on GitHub): who entrusts the task does nothing;
// the body before 受 is the subject of 负责.
const ENTRUSTED = /受[^\n。；;，,受]{1,20}?委托[，,]?(?=(?:要|应)?(?:具体|分别)?(?:负责|牵头|会同))/g;

// "上海城投集团2026年起负责杨浦区涉及改革移交的…防汛防台工作" (杨浦 杨府发〔2025〕9号 三/(二)/1, tests/data/unseen14h); "公司…自2021年起负责
// 承建与运营杭州市人工智能计算中心" (a prospectus on GitHub): the year from which the body acts stands between it and its 负责.
const FROM_YEAR = /自?\d{4}年(?:\d{1,2}月)?(?:起|开始)[，,]?(?=(?:要|应)?(?:具体|分别)?(?:负责|牵头|会同))/g;

/** Measure text for prose: spaces out, lines broken inside a sentence joined, paragraph breaks kept. */
export function proseText(text: string): string {
  let out = "";
  let prev = "";
  for (const raw of text.split("\n")) {
    const line = raw.replace(/\s+/g, "");
    if (!line) continue;
    if (out && !(prev.length >= 20 && !TERMINAL.test(prev) && !NUMBERING_START.test(line))) out += "\n";
    out += line;
    prev = line;
  }
  return out.replace(SEATED_AT, "$1").replace(AT_PHRASE, "").replace(ADVERBIAL, "").replace(DELEGATE, "").replace(IS_ROLE, "").replace(ENTRUSTED, "").replace(FROM_YEAR, "");
}
