// The written forms of docs/labelling.md's catalogue, each on the real text it was found in
// (../shared/corpus-extra, or a public document quoted here) — layouts, numbering, units, metadata.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { repairText } from "../extract/structure/repair.ts";
import { extractDocument } from "../extract/document.ts";
import { regionFromBody } from "../extract/fields/regions.ts";
import { extractFile } from "./helpers/extract.ts";
import { ctx, file, measure, NATIONAL, paths, roles, unseen, units } from "./helpers/forms.ts";

describe("layouts", () => {
  it("a whole document on one line is segmented by the numbering inside it (37)", async () => {
    const d = (await extractFile(file("37_"))).document;
    expect(d.measures.map((m) => m.path)).toEqual([
      "一/(一)", "一/(二)", "一/(三)", "二/(四)", "二/(五)", "二/(六)", "三/(七)", "三/(八)", "三/(九)", "四/(十)",
      "四/(十一)", "四/(十二)", "四/(十三)", "五/(十四)", "五/(十五)", "五/(十六)", "五/(十七)", "六/(十八)", "六/(十九)", "六/(二十)",
    ]);
    // The closing provision and the signature after (二十)'s bracket are not part of (二十).
    expect(d.measures.at(-1)!.text).not.toContain("认真贯彻落实本意见");
    expect(d.measures.at(-1)!.deadlines).toEqual([]);
    expect([d.title, d.docNumber, d.issuer, d.issuedDate]).toEqual(["国务院办公厅关于进一步优化营商环境更好服务市场主体的实施意见", "国办发〔2020〕24号", "国务院办公厅", "2020-07-15"]);
  });

  it("an item that starts right after the previous item's bracket (15: 全角 numbers)", async () => {
    expect(await paths("15_")).toContain("三/10");
  });

  it("one table cell per line (02's 推广清单), rows cut at the source leave a gap", async () => {
    const d = (await extractFile(file("02_"))).document;
    const row = d.measures.find((m) => m.path === "附件/一/1")!;
    expect(row.title).toBe("知识产权民事、刑事、行政案件“三合一”审判");
    expect(row.units.map((u) => `${u.role}:${u.name}`)).toEqual(["responsible:最高人民法院", "responsible:最高人民检察院", "responsible:国家知识产权局"]);
    expect(d.measures.map((m) => m.path)).toContain("附件/五/21");
  });

  it("a task table whose cells were run together (34's 分工及进度安排表)", async () => {
    const d = (await extractFile(file("34_"))).document;
    const rows = d.measures.filter((m) => m.path.startsWith("附件/"));
    expect(rows).toHaveLength(20);
    const r1 = rows[0];
    expect(r1.title).toBe("发布一批产业转型升级发展急需的科技成果包");
    expect(r1.units.map((u) => `${u.role}:${u.name}`)).toEqual(["lead:科技部", "coop:有关部门"]);
    expect(r1.deadlines.map((x) => x.end)).toEqual(["2016-06-30"]);
    expect(rows[6].deadlines.map((x) => x.kind)).toEqual(["date", "ongoing"]);
    expect(d.docNumber).toBe("国办发〔2016〕28号"); // run into the next line in the text
    expect(d.title).toBe("促进科技成果转移转化行动方案");
  });

  it("item numbers whose dot is a private-use glyph (28)", async () => {
    expect(await paths("28_")).toContain("二/(二)/5");
  });

  it("Markdown pipes, spaced columns and a page stored twice", () => {
    const table = ["| 序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限 |", "|---|---|---|---|---|", "| 1 | 建立科技型企业名录库 | 市科技局 | 市财政局 | 2023年6月底前 |"].join("\n");
    const spaced = ["序号    重点任务    责任单位    完成时限", "1    建立科技型企业名录库    市科技局    2023年6月底前"].join("\n");
    for (const text of [table, spaced]) {
      const m = extractDocument({ text, format: "txt", pages: null }, "t.txt").document.measures;
      expect(m.map((x) => x.path)).toEqual(["1"]);
      expect(m[0].units[0].name).toBe("市科技局");
      expect(m[0].deadlines[0].end).toBe("2023-06-30");
    }
    const page = readFileSync(file("07_"), "utf8");
    expect(repairText(`${page}\n${page}`).text).toBe(repairText(page).text);
  });

  it("articles (第N条) run together on one line, and items numbered 1）", () => {
    const run = extractDocument({ text: "某某市科技创新促进办法 第一条 为了促进科技创新，制定本办法。第二条 市科技局负责全市科技创新工作的统筹协调。第三条 本办法自2024年1月1日起施行。", format: "txt", pages: null }, "a.txt").document;
    expect(run.measures.map((m) => m.path)).toEqual(["第1条", "第2条", "第3条"]);
    expect(run.measures[1].units.map((u) => u.name)).toEqual(["市科技局"]);
    const paren = extractDocument({ text: "一、主要任务\n1）加快建设数据中心。（牵头单位：市大数据局）\n2）推进产业数字化。（牵头单位：市工信局，配合单位：市科技局）", format: "txt", pages: null }, "b.txt").document;
    expect(paren.measures.map((m) => m.path)).toEqual(["一/(1)", "一/(2)"]);
  });

  it("Markdown headings and bold are markup, not text (13)", async () => {
    const d = (await extractFile(file("13_"))).document;
    expect(d.title).toBe("杨“数”浦新质秀带创新区建设方案");
    expect(d.measures.every((m) => !m.text.includes("**"))).toBe(true);
  });
});

describe("responsible units", () => {
  it("a 责任单位 list after a named 牵头单位 cooperates (07, and 湖北 鄂政发〔2018〕26号)", () => {
    expect(units("（牵头单位：省发展改革委；责任单位：省编办、省国土资源厅、省环保厅、省住建厅）")).toEqual([
      "lead:省发展改革委", "coop:省编办", "coop:省国土资源厅", "coop:省环保厅", "coop:省住建厅",
    ]);
    expect(units("（责任单位：市科技局、市发展改革委）")).toEqual(["responsible:市科技局", "responsible:市发展改革委"]);
  });

  it("负责部门, 指导部门 and other label words (04, 02)", () => {
    expect(units("（负责部门：人力资源社会保障部、住房城乡建设部、商务部；适用范围：所有自贸试验区）")).toEqual([
      "responsible:人力资源社会保障部", "responsible:住房城乡建设部", "responsible:商务部",
    ]);
    expect(units("牵头考核单位：市委组织部")).toEqual(["lead:市委组织部"]);
  });

  it("X牵头，Y等相关部门及各地区按职责分工负责 (36, 37, and 咸阳 2022 放管服要点)", () => {
    expect(units("（自然资源部牵头，住房城乡建设部等国务院相关部门及各地区按职责分工负责）")).toEqual([
      "lead:自然资源部", "coop:住房城乡建设部", "coop:各地区",
    ]);
    expect(units("（国务院办公厅牵头，国务院相关部门和单位及各地区按职责分工负责）")).toEqual([
      "lead:国务院办公厅", "coop:国务院相关部门和单位", "coop:各地区",
    ]);
    expect(units("(市政府办公室、市行政审批制度改革工作领导小组办公室牵头,市级各有关部门及各县市区政府按职责分工负责)")).toEqual([
      "lead:市政府办公室", "lead:市行政审批制度改革工作领导小组办公室", "coop:市级各有关部门", "coop:各县市区政府",
    ]);
  });

  it("a list with no lead, and a bare 负责 (36, 37)", () => {
    expect(units("（商务部、民政部、住房城乡建设部、国家卫生健康委等相关部门按职责分工负责）")).toEqual([
      "responsible:商务部", "responsible:民政部", "responsible:住房城乡建设部", "responsible:国家卫生健康委",
    ]);
    expect(units("（国家知识产权局负责）")).toEqual(["responsible:国家知识产权局"]);
    expect(units("（国务院办公厅牵头，各地区、各部门负责）")).toEqual(["lead:国务院办公厅", "coop:各地区", "coop:各部门"]);
  });

  it("列第一位者为牵头单位，下同: stated once, it holds for the rest", () => {
    expect(units("（省发展改革委、省财政厅、省科技厅负责。列第一位者为牵头单位，下同）", ctx(NATIONAL, true))).toEqual([
      "lead:省发展改革委", "coop:省财政厅", "coop:省科技厅",
    ]);
    expect(units("（省财政厅、省税务局负责）", ctx(NATIONAL, true))).toEqual(["lead:省财政厅", "coop:省税务局"]);
  });

  it("a bare list of bodies in brackets closing an item (21, 23: 上海)", () => {
    expect(units("3.支持普通食品生产转型升级。鼓励高校、科研院所。（市经济信息化委、市农业农村委、市科委）")).toEqual([
      "responsible:市经济信息化委", "responsible:市农业农村委", "responsible:市科委",
    ]);
    // In running text a bracket of bodies is no assignment.
    expect(units("支持高水平大学（复旦大学、同济大学）建设研究院。")).toEqual([]);
  });

  it("prose: 由X牵头…参加, X会同Y, X牵头、Y共同参与, X为总牵头单位, Y配合X, duties under a unit's name", () => {
    expect(units("建立联席会议制度，由市发展改革委牵头，市财政局、市科技局参加。")).toEqual(["lead:市发展改革委", "coop:市财政局", "coop:市科技局"]);
    expect(units("市科技局会同市财政局制定实施细则。")).toEqual(["lead:市科技局", "coop:市财政局"]);
    expect(units("市财政局牵头、市税务局共同参与，研究制定配套政策。")).toEqual(["lead:市财政局", "coop:市税务局"]);
    expect(units("市工信局为总牵头单位，市发展改革委、市科技局为责任单位。")).toEqual(["lead:市工信局", "coop:市发展改革委", "coop:市科技局"]);
    expect(units("各市科技部门要配合省科技厅加强本行动方案的宣传解读。")).toEqual(["coop:各市科技部门", "lead:省科技厅"]);
    expect(units("（一）市工业和信息化局：负责统筹推进全市制造业数字化转型工作。")).toEqual(["responsible:市工业和信息化局"]);
  });

  it("assignments in 〔〕 brackets (四川省“十四五”现代流通体系建设实施方案)", () => {
    expect(units("〔责任单位:省发展改革委、省市场监管局、商务厅、省大数据中心按职责分工负责。具体任务均涉及相关市(州)人民政府，不再做分工，下同。〕")).toEqual([
      "responsible:省发展改革委", "responsible:省市场监管局", "responsible:商务厅", "responsible:省大数据中心",
    ]);
    expect(units("实施“证照分离”改革全覆盖。〔责任单位:省市场监管局〕")).toEqual(["responsible:省市场监管局"]);
    expect(units("完善物流。〔省发展改革委牵头，省交通运输厅、商务厅按职责分工负责〕")).toEqual(["lead:省发展改革委", "coop:省交通运输厅", "coop:商务厅"]);
    expect(units("依据《国务院关于促进融资担保行业加快发展的意见》（国发〔2015〕43号）执行。")).toEqual([]);
  });

  it("never units: persons and posts, mentioned bodies, 参加 without a lead", () => {
    expect(units("责任领导：王某某；牵头单位：市科技局；联系人：张三，电话：12345678")).toEqual(["lead:市科技局"]);
    expect(units("鼓励银行加大信贷投放，支持高校开展研究，鼓励企业参加展会。")).toEqual([]);
    expect(units("主要负责人牵头抓总。")).toEqual([]);
  });
});

describe("region when the head names no place", () => {
  it("from the body's own references: 全省 … 山东, 全市 … 济南, a municipality", () => {
    expect(regionFromBody("推进全省制造业高质量发展，山东制造，山东品牌。")).toEqual({ province: "山东省", city: null, county: null });
    expect(regionFromBody("科创济南建设，全市科技创新，济南“样板间”。")).toEqual({ province: "山东省", city: "济南市", county: null });
    expect(regionFromBody("全市推进，上海制造，上海品牌。")).toMatchObject({ province: "上海市", city: "上海市" });
    expect(regionFromBody("各地区、各部门要推动京津冀、长江经济带发展。")).toEqual({ province: null, city: null, county: null });
  });

  it("a joint issue's first issuer, a headline over two lines (35)", async () => {
    const d = (await extractFile(file("35_"))).document;
    expect(d.title).toBe("河北省教育厅等十二部门关于进一步加强学科类隐形变异培训防范治理工作的实施方案");
    expect(d.issuer).toBe("河北省教育厅");
    expect(d.region).toEqual({ province: "河北省", city: null, county: null });
  });

  it("a title set over two lines, and labelled lines between blank lines (鞍山 立山区 鞍立政发〔2023〕2号)", () => {
    const text = readFileSync(join(import.meta.dirname, "data/lishan-2023-fengong.txt"), "utf8");
    const d = extractDocument({ text, format: "txt", pages: null }, "lishan.txt").document;
    expect(d.title).toBe("立山区政府2023年重点工作任务分解和责任分工方案");
    expect(d.region).toEqual({ province: "辽宁省", city: "鞍山市", county: "立山区" });
    expect(d.measures[0].units.map((u) => `${u.role}:${u.canonical}`)).toEqual(["lead:立山区发改局", "coop:立山经济开发区", "coop:全区经济运行各专班"]);
  });

  it("issuer and date from the 印发 line when there is no header (15)", async () => {
    const d = (await extractFile(file("15_"))).document;
    expect([d.issuer, d.publishedDate, d.region.city]).toEqual(["济南市人民政府办公厅", "2019-01-03", "济南市"]);
  });
});

// Forms of session 23: the remaining misses on our labels (corpus-extra) and documents nobody had seen
// (tests/data/unseen, sources in its SOURCES.md).

describe("session 23 forms", () => {
  it("a group of the document's own level takes the place (25 济南 市相关部门, 27 青岛, 官渡 区级相关部门)", async () => {
    const jinan = await extractFile(file("25_"));
    expect(roles(measure(jinan.document, "二/(三)/6/(15)"))).toContain("responsible:市相关部门:济南市相关部门");
    const qingdao = await extractFile(file("27_"));
    expect(roles(measure(qingdao.document, "三/(二)"))).toContain("responsible:市相关行业主管部门:青岛市相关行业主管部门");
    const guandu = await unseen("guandu-2016-wenzengzhang");
    expect(roles(measure(guandu, "一/1"))).toContain("coop:区级相关部门:官渡区级相关部门");
  });

  it("two full spellings of one body are twins, not a typo (32: 省发展改革委 / 省发展和改革委)", async () => {
    const d = (await extractFile(file("32_"))).document;
    expect(roles(measure(d, "二/(一)"))).toContain("responsible:省发展改革委:山东省发展改革委");
    expect(d.measures.flatMap((m) => m.units).some((u) => u.canonical === "山东省发展和改革委")).toBe(true);
  });

  it("an item's paragraph that opens like a closing provision but ends in its bracket (33 九/(二)); several signers (33)", async () => {
    const d = (await extractFile(file("33_"))).document;
    expect(roles(measure(d, "九/(二)"))).toEqual(["responsible:各地区:各地区", "responsible:各部门:各部门"]);
    expect(measure(d, "九/(二)").text).not.toContain("国家发展改革委");
    expect(d.issuer).toBe("国家发展改革委");
  });

  it("the closing part run on after bracket-closed items is not the last item's (29 三十)", async () => {
    const d = (await extractFile(file("29_"))).document;
    const last = measure(d, "三十");
    expect(last.deadlines).toEqual([]);
    expect(last.text).not.toContain("停止执行");
    expect(roles(last)).toEqual(["responsible:国务院办公厅:国务院办公厅"]);
  });

  it("the office set up at a body leads or helps, where it sits is no unit (15 八/27, 19 六)", async () => {
    expect(units("领导小组办公室设在市经济和信息化委，会同有关单位制定落实具体实施细则。")).toEqual(["lead:领导小组办公室", "coop:有关单位"]);
    const d = (await extractFile(file("19_"))).document;
    expect(roles(measure(d, "六"))).toContain("coop:办公室:办公室");
    expect(roles(measure(d, "六")).some((u) => u.includes(":科技部:") && u.startsWith("coop"))).toBe(false);
    // a bare head after the body set up is the unit as written (contract: name as written; tests/gold 攀枝花 二)
    expect(units("成立市数字经济发展领导小组办公室，办公室负责统筹协调全市数字经济工作。")).toEqual(["responsible:办公室"]);
  });

  it("an adverbial before 负责; parties a policy speaks of are no bodies (05)", () => {
    expect(units("各地区、各有关部门根据有关规定，负责指导所属科研单位制定详细可操作的管理制度和办法。")).toEqual(["responsible:各地区", "responsible:各有关部门"]);
    expect(units("实施过程中的管理主要由项目承担单位负责。")).toEqual([]);
    expect(units("（责任单位：项目承担单位）")).toEqual(["responsible:项目承担单位"]);
  });

  it("a verbless list shares the next clause's verb (官渡 二/4)", async () => {
    const d = await unseen("guandu-2016-wenzengzhang");
    expect(measure(d, "二/4").units.map((u) => `${u.role}:${u.name}`)).toEqual([
      "lead:区发改局", "coop:区财政局", "coop:区交运局", "coop:区经贸投促局", "coop:区住建局", "coop:区水务局", "coop:区国投公司", "coop:各街道办事处",
    ]);
    // a clause that is not a list of units still spoils the bracket
    expect(units("（区发改局牵头，加快推进，区财政局配合）")).not.toContain("coop:加快推进");
  });

  it("a district's body names its county; not an autonomous region's 全区 (官渡; 广西)", async () => {
    expect((await unseen("guandu-2016-wenzengzhang")).region).toEqual({ province: "云南省", city: "昆明市", county: "官渡区" });
    expect(regionFromBody("结合我区实际，稳定全区粮食播种面积，自治区人民政府各组成部门，南宁市、兴宁区")).toEqual({ province: null, city: null, county: null });
  });

  it("joint issue across levels gives the co-signer's county (13); issuers side by side before 关于 (成都)", async () => {
    expect((await extractFile(file("13_"))).document.region).toEqual({ province: "上海市", city: "上海市", county: "杨浦区" });
    const cd = await unseen("chengdu-2024-qianrushi-fuwu");
    expect([cd.issuer, cd.region.city]).toEqual(["成都市发展和改革委员会", "成都市"]);
  });

  it("dates listed before one 前, a yearless day taking the year before it (广东 粤府〔2022〕13号)", async () => {
    const d = await unseen("guangdong-2022-zhengfu-gongzuo-baogao-fengong");
    expect(measure(d, "三").deadlines.map((x) => x.end)).toEqual(["2022-04-10", "2022-07-10", "2022-10-10", "2023-01-10"]);
  });

  it("不含 makes a bound strict (官渡); a count summing the parts just named is no target (13 二)", async () => {
    const g = await unseen("guandu-2016-wenzengzhang");
    expect(measure(g, "一/2").targets.map((t) => [t.comparator, t.max, t.unit])).toEqual([["<", 6, "亩"]]);
    const d = (await extractFile(file("13_"))).document;
    expect(measure(d, "二").targets.map((t) => t.unit)).toEqual(["平方公里", "平方公里", "平方公里", "平方公里"]);
  });
});

describe("session 23 forms: titles", () => {
  it("a 印发 notice without 《》 takes the title the wrapper names (天津 津政办函〔2017〕103号); several signers of a joint issue (临沧)", async () => {
    const tj = await unseen("tianjin-2017-kaifaqu-gaige");
    expect([tj.title, tj.docNumber, tj.issuer]).toEqual(["关于促进我市开发区改革和创新发展的实施方案", "津政办函〔2017〕103号", "天津市人民政府办公厅"]);
    const lc = await unseen("lincang-2019-zhuti-gongnengqu");
    expect([lc.title, lc.issuer, lc.issuedDate, lc.region.city]).toEqual(["关于完善主体功能区战略和制度的实施方案", "中共临沧市委", "2019-05-28", "临沧市"]);
  });
});

describe("session 23 forms: 江苏, 河南", () => {
  it("metadata in a Markdown table; a note on all tasks closing the bracket; X组织落实 (江苏 苏政办发〔2025〕45号)", async () => {
    const d = await unseen("jiangsu-2025-tese-youshi-chanye");
    expect([d.docNumber, d.issuer, d.issuedDate]).toEqual(["苏政办发〔2025〕45号", "江苏省人民政府", "2025-12-23"]);
    expect(measure(d, "一").units.map((u) => `${u.role}:${u.name}`)).toEqual([
      "responsible:省发展改革委", "responsible:省工业和信息化厅", "responsible:省农业农村厅", "responsible:省商务厅", "responsible:各市、县(市、区)人民政府",
    ]);
    // the note does not carry over to the next items
    expect(measure(d, "二").units.map((u) => u.name)).toEqual(["省发展改革委", "省工业和信息化厅"]);
  });

  it("二套房 is a term, not a count; the dates of the wrapper (河南 豫政〔2023〕5号)", async () => {
    const d = await unseen("henan-2023-zhongdian-gongzuo");
    expect(measure(d, "一/(一)/3").targets).toEqual([]);
    expect(measure(d, "一/(一)/2").units.map((u) => `${u.role}:${u.canonical}`).slice(0, 3)).toEqual(["lead:河南省发展改革委", "coop:河南省商务厅", "coop:河南省财政厅"]);
    const { extractDeadlines } = await import("../extract/fields/deadlines.ts");
    expect(extractDeadlines("并于2023年3月25日、6月25日、9月25日前向省政府报告", "2023-02-01").map((x) => x.end)).toEqual(["2023-03-25", "2023-06-25", "2023-09-25"]);
  });
});

describe("session 23 forms: county portals", () => {
  it("a 文号 in brackets closing the page title; the page's 来源 names the county (华容 华政发〔2021〕2号)", async () => {
    const d = await unseen("huarong-2021-zhongdian-gongzuo");
    expect([d.docNumber, d.issuer, d.region.county]).toEqual(["华政发〔2021〕2号", "华容县人民政府办公室", "华容县"]);
  });

  it("a two-character county names its region only as a place (泾县 泾政〔2023〕1号; not 简单县城)", async () => {
    expect((await unseen("jingxian-2023-zhengfu-gongzuo-baogao")).region).toEqual({ province: "安徽省", city: "宣城市", county: "泾县" });
    const { findPlaces } = await import("../extract/fields/regions.ts");
    expect(findPlaces("这不是简单县城建设问题").map((p) => p.region.county)).toEqual([]);
    expect(findPlaces("结合沛县实际").map((p) => p.region.county)).toEqual(["沛县"]);
    expect(findPlaces("省、市和县政府要加强组织领导").map((p) => p.region.county)).toEqual([]); // no 和县
  });
});

describe("session 23 forms: 开封", () => {
  it("a bare magnitude before 规模/大关/以上 is money, 千亿产业 stays a class (开封 2020)", async () => {
    const d = await unseen("kaifeng-2020-zhizaoye");
    expect(measure(d, "一/(二)").targets.map((t) => [t.comparator, t.min, t.unit])).toContainEqual([">", 500000000000, "元"]);
    const { extractTargets } = await import("../extract/fields/targets.ts");
    expect(extractTargets("产值达到千亿以上").map((t) => [t.comparator, t.min])).toEqual([[">=", 100000000000]]);
    expect(extractTargets("打造千亿产业")).toEqual([]);
  });
});

describe("session 23 forms: 长沙", () => {
  it("a portal's 【tag】 before the headline; slogans whose items follow are not counts (长沙 2020)", async () => {
    const d = await unseen("changsha-2020-wending-jingji");
    expect([d.issuer, d.title]).toEqual(["长沙市人民政府办公厅", "长沙市有效降低疫情影响稳定经济运行实施方案"]);
    expect(measure(d, "一/(一)").targets).toEqual([]);
    const { extractTargets } = await import("../extract/fields/targets.ts");
    expect(extractTargets("建设三个园区，每个园区面积不低于100亩").map((t) => [t.min, t.unit])).toEqual([[3, "个"], [100, "亩"]]);
  });
});

describe("session 23 forms: 运城", () => {
  it("an assignment closing a run of sub-items assigns their parent; a 责任分解 enclosed without 《》 (运城 2017)", async () => {
    const d = await unseen("yuncheng-2017-yingji-tixi-fenjie");
    expect(d.title).toBe("运城市突发事件应急体系建设“十三五”规划责任分解");
    expect(d.measures.map((m) => m.path)).toEqual(["(一)/1"]);
    expect(roles(d.measures[0])).toEqual([
      "responsible:市直各有关单位:运城市直各有关单位", "responsible:各县(市、区)人民政府:各县(市、区)人民政府", "responsible:各开发区管委会:各开发区管委会",
    ]);
    // a sub-item with its own bracket keeps it, and a later standalone bracket stays with the last one
    const own = extractDocument({ text: "一、任务\n1.完善体系\n(1)加强管理。（责任单位：市应急局）\n(2)推进演练。\n（责任单位：市财政局）", format: "txt", pages: null }, "x.txt").document;
    expect(own.measures.map((m) => m.path)).toEqual(["一/1/(1)", "一/1/(2)"]);
  });
});
