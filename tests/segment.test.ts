// The numbered hierarchy and the measure rule, on the seeds and on texts written for the test.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { buildOutline } from "../extract/structure/outline.ts";
import { selectMeasures } from "../extract/structure/select-measures.ts";
import { parseLabel } from "../extract/structure/labels.ts";
import { repairText } from "../extract/structure/repair.ts";
import { CORPUS, CORPUS_EXTRA, ROOT } from "./helpers/paths.ts";
import { extractFile } from "./helpers/extract.ts";

const noFacts = () => false;
const paths = (text: string) => selectMeasures(buildOutline(text).roots, noFacts).map((m) => m.path);

describe("labels", () => {
  it("normalises every numbering form", () => {
    expect(parseLabel("一、总体要求")?.label).toBe("一");
    expect(parseLabel("十二、其他")?.label).toBe("十二");
    expect(parseLabel("（三）加强领导")?.label).toBe("(三)");
    expect(parseLabel("(三)加强领导")?.label).toBe("(三)");
    expect(parseLabel("1.研究")?.label).toBe("1");
    expect(parseLabel("1、研究")?.label).toBe("1");
    expect(parseLabel("1．研究")?.label).toBe("1");
    expect(parseLabel("（12）名单")?.label).toBe("(12)");
    expect(parseLabel("③重点")?.label).toBe("③");
    expect(parseLabel("第十二条 申报")?.label).toBe("第12条");
    expect(parseLabel("第三章 保障")?.label).toBe("第3章");
  });
  it("does not take figures for numbering", () => {
    expect(parseLabel("2.5亿元用于补偿")).toBeNull();
    expect(parseLabel("2022年3月底前完成")).toBeNull();
    expect(parseLabel("1~2家机构")).toBeNull();
  });
});

describe("measure rule", () => {
  it("grouping headings give their children; numbered children belong to their measure", () => {
    const text = [
      "前言说明。", "一、总体要求", "(一)目标", "1.建立机制。", "2.完善政策。",
      "二、工作措施", "(一)加大支持。鼓励银行加大信贷。", "(1)细则一。", "(2)细则二。",
    ].join("\n");
    expect(paths(text)).toEqual(["一/(一)/1", "一/(一)/2", "二/(一)"]);
    const m = selectMeasures(buildOutline(text).roots, noFacts).find((x) => x.path === "二/(一)")!;
    expect(m.text).toContain("(1)细则一。");
    expect(m.title).toBe("加大支持");
  });

  it("a heading with a paragraph of its own is a measure", () => {
    expect(paths("一、工作进度\n试点于2016年启动。\n(一)筹备阶段\n1.拟订方案。")).toEqual(["一"]);
  });

  it("numbering that restarts, skips or mixes 1. and 1、 keeps the tree", () => {
    const text = ["一、甲", "1.任务一。", "2、任务二。", "4.任务四。", "二、乙", "1、任务五。", "2.任务六。"].join("\n");
    expect(paths(text)).toEqual(["一/1", "一/2", "一/4", "二/1", "二/2"]);
  });

  it("chapters and articles", () => {
    const text = ["第一章 总则", "第一条 为了规范管理，制定本办法。", "第二条 本办法适用于全市。", "第二章 支持措施", "第三条 设立风险补偿金。"].join("\n");
    expect(paths(text)).toEqual(["第1章/第1条", "第1章/第2条", "第2章/第3条"]);
  });

  it("attachments restart numbering under their own label", () => {
    const text = ["一、主要任务", "1.任务一。", "附件1", "一、分工", "1.任务甲。", "附件2", "1.任务乙。"].join("\n");
    expect(paths(text)).toEqual(["一/1", "附件1/一/1", "附件2/1"]);
  });

  it("year blocks date their items", () => {
    const o = selectMeasures(buildOutline("六、进度安排\n(一)2017 年度。\n1.成立领导小组。\n(二)2018年度。\n1.设立科技支行。").roots, noFacts);
    expect(o.map((m) => [m.path, m.yearBlock])).toEqual([["六/(一)/1", "2017 年度。"], ["六/(二)/1", "2018年度。"]]);
  });

  it("parenthesized numerals ⑴…⒇ are the labels (1)…(20) (辽宁 辽政办发〔2012〕53号)", () => {
    expect([parseLabel("⑴九年义务教育巩固率达到97%。"), parseLabel("⒇x")].map((l) => [l?.type, l?.label, l?.rest])).toEqual([
      ["numParen", "(1)", "九年义务教育巩固率达到97%。"], ["numParen", "(20)", "x"],
    ]);
    expect(paths("一、任务\n1.约束性指标。\n⑴巩固率达到97%。\n责任单位:省教育厅。\n⑵保有量保持在6120万亩。")).toEqual(["一/1/(1)", "一/1/(2)"]);
  });

  it("a heading naming a plan period and nothing else dates its items, like a year block (辽宁 2012)", async () => {
    const d = (await extractFile(join(ROOT, "tests/data/unseen9b/liaoning-2012-dongbei-zhenxing-shierwu-renwu-fengong.txt"))).document;
    expect(d.measures.map((m) => m.path)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => `一/(一)/1/(${n})`));
    expect(d.measures.every((m) => m.deadlines.some((x) => x.kind === "period" && x.start === "2011-01-01" && x.end === "2015-12-31"))).toBe(true);
    expect(d.measures[3].units.map((u) => `${u.role}:${u.name}`)).toEqual([
      "lead:省发展改革委", "coop:省发展改革委", "coop:省经济和信息化委", "coop:省统计局", "coop:省电力公司",
    ]);
    // a heading with a task of its own beside the period stays a measure
    const facts = (h: string) => /\d+%|牵头|负责/.test(h);
    expect(selectMeasures(buildOutline("一、任务\n(一)“十二五”时期单位能耗降低17%。\n1.加强监测。").roots, facts).map((m) => m.path)).toEqual(["一/(一)"]);
  });

  it("an enclosed task table under its title after the signature; a header cell spaced out; a last row cut at the source (国办函〔2016〕38号)", async () => {
    const d = (await extractFile(join(ROOT, "tests/data/unseen9b/guowuyuan-2016-lianghua-zhibiao-renwu-fengong.txt"))).document;
    // "序号 工 作 任 务 牵头负责部门": the notice's points 一–三 are the wrapper's, the table's rows the measures
    expect(d.measures.map((m) => m.path)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);
    expect(d.measures[2].units.map((u) => `${u.role}:${u.name}`)).toEqual(["lead:财政部"]);
    expect(d.measures[2].targets.map((t) => `${t.comparator}:${t.min}${t.unit}`)).toEqual(["=:2180000000000元", "=:3%"]);
    // row 10's unit "发展改革" is cut at the source: no name
    expect(d.measures[9].units).toEqual([]);
  });

  it("closing lines are not measures", () => {
    const o = buildOutline("一、任务\n(一)加强领导。\n山西省人民政府办公厅\n2018年7月4日\n(此件公开发布)\n抄送：省委各部门。");
    expect(selectMeasures(o.roots, noFacts).map((m) => m.text)).toEqual(["加强领导。"]);
    expect(o.closing).toContain("抄送");
  });
});

describe("seeds", () => {
  const expected: Record<string, [number, string, string]> = {
    "panzhihua-2017-keji-jinrong": [42, "一", "六/(三)/2"],
    "mianyang-2022-jinrong-shitiao": [29, "一/1", "五/29"],
    "shanxi-2018-keji-jinrong": [16, "一/(一)", "六/(三)"],
    "panzhihua-2016-zhishichanquan-zhiya": [31, "一/(一)", "五"],
    "pingyang-2024-keji-jinrong": [19, "一", "三/(四)"],
  };
  for (const [name, [count, first, last]] of Object.entries(expected)) {
    it(`${name}: ${count} measures`, async () => {
      const d = await extractFile(join(CORPUS, `${name}.txt`));
      const ms = d.document.measures;
      expect(ms.length).toBe(count);
      expect(ms[0].path).toBe(first);
      expect(ms[ms.length - 1].path).toBe(last);
      expect(new Set(ms.map((m) => m.path)).size).toBe(ms.length);
      // Preamble and notice wrapper are not in any measure; chrome is gone.
      for (const m of ms) expect(m.text).not.toMatch(/现印发给你们|阅读次数|浏览次数|责任编辑|点击下载/);
    });
  }

  it("the 绵阳 measure 1 keeps its (1)(2)(3) items and its 牵头/配合 lines", async () => {
    const d = await extractFile(join(CORPUS, "mianyang-2022-jinrong-shitiao.txt"));
    const m = d.document.measures[0];
    expect(m.title).toBe("研究、筛选、确定金融支持重点科创企业名单、建立动态调整机制");
    expect(m.text).toMatch(/牵头单位:科技局[\s\S]*\(1\)名单确定标准[\s\S]*\(3\)名单确定流程[\s\S]*进度安排:2022年3月底前/);
    expect(d.parts.outline.find((o) => o.path === "二")?.measure).toBe(false);
  });
});

describe("full texts (blind round 4b, tests/data/unseen5: 广州 2012)", () => {
  it("a heading whose paragraph only leads into its items (…实施如下重点项目：) groups them", () => {
    const text = [
      "二、实施六大人才行动计划",
      "（一）产业提升人才行动计划。围绕发展战略性主导产业，以提升产业竞争力为核心，重点培养一批优秀企业家，实施如下重点项目：",
      "2.战略性主导产业紧缺人才开发项目。研究制定紧缺人才目录发布制度。",
      "3.羊城企业家培养项目。加强市管企业领导人员队伍建设。",
    ].join("\n");
    expect(paths(text)).toEqual(["二/(一)/2", "二/(一)/3"]);
    // a paragraph of its own that does not lead into the items keeps the heading a measure
    expect(paths(text.replace("，实施如下重点项目：", "。"))).toEqual(["二/(一)"]);
  });

  it("a label run into a name that opens with a number (11.121人才梯队项目) is item 11, a decimal is not", () => {
    expect(parseLabel("11.121人才梯队项目。重点培养不少于10名…")).toMatchObject({ label: "11", rest: "121人才梯队项目。重点培养不少于10名…" });
    expect(parseLabel("2.35亿元用于支持")).toBeNull();
    expect(parseLabel("1.25倍")).toBeNull();
  });
});

describe("round 5 (blind, tests/data/unseen6: 嘉鱼 2021)", () => {
  it("the notice's list of enclosures (附件:1.… / 2.…) holds no items", () => {
    const text = [
      "经县人民政府同意,现将…重点事项责任分解给你们,请狠抓工作落实。",
      "附件:1.县《政府工作报告》确定的2021年重点工作责任分解",
      "2.市《政府工作报告》涉及嘉鱼的重点事项责任分解",
      "2021年5月12日",
      "附件1",
      "县《政府工作报告》确定的2021年重点工作责任分解",
      "一、2021年经济社会发展主要目标",
      "(一)地区生产总值增长11%。[牵头单位:县发改局(粮食局);责任单位:各镇人民政府,嘉鱼经济开发区]",
      "(二)地方公共预算收入增长32%。(牵头单位:县财政局)",
    ].join("\n");
    expect(paths(text)).toEqual(["附件1/一/(一)", "附件1/一/(二)"]);
    // after numbered points of the notice too (沙坪坝 2022 has the list with a space: "附件:1. 2022年…")
    const wrapper = ["一、各单位要高度重视。", "二、请于3月底前报送。", "附件:1. 2022年目标任务分解表", "2. 2022年重点工作任务分解表", "某区人民政府办公室", "2022年1月21日"].join("\n");
    expect(paths(wrapper)).toEqual(["一", "二"]);
    // a numbered item after 附件: with a clause of its own is an item
    expect(paths("附件:1.任务清单\n2.加快建设数据中心。完成投资5亿元。")).toEqual(["2"]);
  });
});

describe("round 4b-3 tables (tests/data/unseen5c: 沙坪坝 2022)", () => {
  it("a one-cell-a-line table with blank lines between cells and a 预期目标 column", async () => {
    const d = (await extractFile(join(import.meta.dirname, "data/unseen5c/shapingba-2022-zhengfu-gongzuo-baogao-mubiao-renwu.txt"))).document;
    expect(d.measures.map((m) => m.path)).toEqual([...Array.from({ length: 10 }, (_, i) => `附件1/${i + 1}`), "附件2/1"]);
    const m = d.measures[4];
    expect([m.title, m.units.map((u) => `${u.role}:${u.name}`), m.targets.map((t) => `${t.comparator}:${t.min}${t.unit}`)]).toEqual([
      "进出口总额增长5%以上", ["responsible:区商务委"], [">=:5%"],
    ]);
    // the 工作任务 text of a row cut at the source stands in the 牵头单位 column: no unit read from a clause
    expect(d.measures[10].units).toEqual([]);
  });
});

describe("round 5b (blind, tests/data/unseen6b: 长兴 2023, 郧阳 2023)", () => {
  const facts = (h: string) => /牵头|配合|责任单位|负责/.test(h);
  const withFacts = (text: string) => selectMeasures(buildOutline(repairText(text).text).roots, facts).map((m) => m.path);
  it("a heading naming the official who leads its items groups them (no assignment of its own)", () => {
    const text = "一、朱伟县长牵头重点工作\n1.财政总收入和一般公共预算收入与经济增长基本同步。\n责任单位:县财政局。\n2.全力防范化解财政金融等领域风险隐患。";
    expect(withFacts(text)).toEqual(["一/1", "一/2"]);
    // a body that leads is an assignment of the heading's own
    expect(withFacts(text.replace("朱伟县长", "县财政局"))).toEqual(["一"]);
  });
  it("a long table section row with its leaders groups its rows (one cell a line, blank lines between)", () => {
    const text = [
      "附件", "", "序号", "", "目  标  任  务", "", "牵头单位", "", "责任单位", "", "责任人", "",
      "一、主要经济社会发展指标、发改、财政、行政审批、生态环境、营商环境、交通、金融、安全生产等工作目标(牵头领导:成坤、柯相国、王俊)", "",
      "1", "", "★地区生产总值增长15%。", "", "区发改局", "", "区统计局", "", "张三", "",
      "2", "", "★一般公共预算收入增长8%。", "", "区财政局", "", "区税务局", "", "李四",
    ].join("\n");
    expect(withFacts(text)).toEqual(["附件/一/1", "附件/一/2"]);
  });
});

describe("round 5c (blind, tests/data/unseen6c: 霍山 2025)", () => {
  it("a table whose cells each stand on a line closed by ' |' is read as one cell a line", async () => {
    const d = (await extractFile(join(import.meta.dirname, "data/unseen6c/huoshan-2025-kaifaqu-zhongdian-gongzuo-qingdan.txt"))).document;
    expect(d.measures.map((m) => `${m.path}:${m.units.map((u) => `${u.role}:${u.name}`).join(",")}`)).toEqual([
      "1:responsible:招商工作部,responsible:安商工作部", "2:responsible:改革办", "3:responsible:规划建设局",
    ]);
    expect(d.measures[1].targets.map((t) => `${t.min}${t.unit}`)).toEqual(["10家", "400亩"]);
    // pipe-closed lines that do not open with a 序号 header cell are left as they are
    expect(repairText("说明 |\n第一段 |\n第二段 |\n第三段 |\n第四段 |\n第五段 |").text).toContain("第一段 |");
  });
});

describe("round 7a, second batch (blind, tests/data/unseen7: 嵊泗 2021 乡村振兴任务清单)", () => {
  it("a one-cell-a-line table under a group column: merged cells printed once, two names in one unit cell, a 评分部门 column", async () => {
    const d = (await extractFile(join(import.meta.dirname, "data/unseen7/shengsi-2021-xiangcun-zhenxing-renwu-qingdan.txt"))).document;
    expect(d.measures.map((m) => m.path)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14"]);
    const units = (p: string) => d.measures.find((m) => m.path === p)!.units.map((u) => `${u.role}:${u.canonical}`);
    expect(units("1")).toEqual(["responsible:嵊泗县海洋与渔业局", "responsible:嵊泗县农业农村局"]); // 7 cells, the first merged over 1–10
    expect(units("3")).toEqual(["responsible:嵊泗县经济和信息化局"]); // 5 cells: the 评分部门 市商务局 scores, it does not do
    expect(units("11")).toEqual(["responsible:嵊泗县自然资源和规划局"]);
    expect(units("14")).toEqual([]); // "县", cut at the source
    // the goal with its 单位 cell's measure word
    expect(d.measures.find((m) => m.path === "4")!.text).toContain("目标:0.07万亩");
  });
  it("without a group column before 序号 the header keeps every short cell (推广清单 序号/改革举措/主要内容/指导部门/推广范围)", () => {
    const text = ["附件", "序号", "改革举措", "主要内容", "指导部门", "推广范围", "1", "建立某项机制", "内容甲", "科技部", "全国", "2", "推行某项改革", "内容乙", "财政部", "全国"].join("\n");
    expect(repairText(text).text).toContain("序号\t改革举措\t主要内容\t指导部门\t推广范围");
    expect(repairText(text).text).toContain("2\t推行某项改革\t内容乙\t财政部\t全国");
  });
});

describe("round 7c forms (tests/data/unseen7c)", () => {
  it("the second document's title may follow the last item's bracket straight, with no closing paragraph or preamble", () => {
    const text = ["一、支持平台建设", "培育平台。（责任单位：省经济和信息化厅）", "二、支持企业转型", "鼓励改造。（责任单位：省财政厅）", "某某行动计划（2021-2023年）", "一、总体要求", "（一）指导思想", "以…为指导。", "（二）目标", "到2023年…"].join("\n");
    expect(paths(text)).toEqual(["一", "二", "某某行动计划（2021-2023年）/一/(一)", "某某行动计划（2021-2023年）/一/(二)"]);
    expect(selectMeasures(buildOutline(text).roots, noFacts)[1].text).not.toContain("行动计划");
    // a numbered line is never such a title, and the top level must have gone past 1 first
    expect(paths(["一、总体要求", "做好工作。", "某某实施方案", "一、重点工作", "做好。"].join("\n"))).toEqual(["一", "一#2"]);
  });
  it("ordinals listed one after another are words, not a label (a public OCR of the 连云港 市志, '。一、二、三产业占国内生产总值的比重')", () => {
    const t = repairText("增15.1%，第二产业年均递增11.3%，第三产业年均递增19.3%。一、二、三产业占国内\n生产总值的比重分别为45.2%、26.9%和27.9%。").text;
    expect(t).toContain("第三产业年均递增19.3%。一、二、三产业占国内");
  });
  it("a “ closed by a straight quote is a closed pair (corpus-extra 16, 31)", async () => {
    expect(repairText('（六）加快“山东科技大市场"建设\n他说"好"，又说“对"和"是"。').text).toBe("(六)加快“山东科技大市场”建设\n他说“好”，又说“对”和“是”。");
    const shandong = (await extractFile(join(CORPUS_EXTRA, "16_shandong-2024-shuzi-jingji-chuangxin.txt"))).document;
    expect(shandong.measures.find((m) => m.path === "四/9")!.title).toBe("加快“山东科技大市场”建设");
  });
});

describe("a signature block a crawl ran together (round 7e, tests/data/unseen7e: 河北省工业和信息化厅 full texts)", () => {
  const UNSEEN7E = join(ROOT, "tests/data/unseen7e");
  const lines = (name: string) => repairText(readFileSync(join(UNSEEN7E, name), "utf8")).text.split("\n");
  it("signers two a line are one a line; the date run into the enclosed title is cut from it", () => {
    const fantai = lines("hebei-2023-chengde-fantai-ruogan-cuoshi.txt");
    const at = fantai.indexOf("河北省工业和信息化厅");
    expect(fantai.slice(at, at + 6)).toEqual(["河北省工业和信息化厅", "河北省发展和改革委员会", "河北省科学技术厅", "河北省自然资源厅", "2023年5月11日", "关于支持承德钒钛产业高质量发展的若干措施"]);
  });
  it("so the first signer issues, on the signature's date, and the title is the enclosed document's own", async () => {
    for (const [name, title, issued] of [
      ["hebei-2023-chengde-fantai-ruogan-cuoshi.txt", "关于支持承德钒钛产业高质量发展的若干措施", "2023-05-11"],
      ["hebei-2023-gongye-lingyu-tandafeng-shishi-fangan.txt", "河北省工业领域碳达峰实施方案", "2023-03-22"],
      ["hebei-2023-zhuzao-duanya-ruogan-cuoshi.txt", "关于推动铸造和锻压行业高质量发展的若干措施", "2023-07-03"],
    ]) {
      const { document: d } = await extractFile(join(UNSEEN7E, name));
      expect([d.title, d.issuer, d.issuedDate]).toEqual([title, "河北省工业和信息化厅", issued]);
    }
  });
  it("a signer's name broken over two lines is joined before the signers are split", () => {
    const qingjie = lines("hebei-2023-qingjie-nengyuan-zhuangbei-shishi-fangan.txt");
    const at = qingjie.indexOf("中国人民银行石家庄中心支行");
    expect(qingjie.slice(at, at + 3)).toEqual(["中国人民银行石家庄中心支行", "中国银行保险监督管理委员会河北监管局", "2023年5月4日"]);
  });
  it("a date opening a sentence, one body's name, and a date with no signer above it are left alone", () => {
    expect(repairText("各单位要认真落实。\n河北省人民政府办公厅\n2023年10月7日前报送省政府督查室").text.split("\n")).toEqual(["各单位要认真落实。", "河北省人民政府办公厅", "2023年10月7日前报送省政府督查室"]);
    expect(repairText("现印发给你们。\n河北省人民政府办公厅\n2023年10月7日").text.split("\n")).toEqual(["现印发给你们。", "河北省人民政府办公厅", "2023年10月7日"]);
    expect(repairText("二、工作安排\n2023年3月1日召开全省推进会议，部署实施方案").text.split("\n")).toEqual(["二、工作安排", "2023年3月1日召开全省推进会议，部署实施方案"]);
  });
});

describe("a paragraph is no heading run into its first sub-item (blind unseen8b: 西宁 2017)", () => {
  it("'统一、' inside an item's second sentence is a word, not a label 一、", async () => {
    const d = (await extractFile(join(import.meta.dirname, "data/unseen8b/xining-2017-liutongye-fazhan-shishi-yijian.txt"))).document;
    expect(d.measures.map((m) => m.path)).toEqual(["一", "二/(一)/1", "二/(一)/2"]);
    expect(d.measures[1].units.map((u) => `${u.role}:${u.name}`)).toEqual(["lead:市商务局", "coop:市编办", "coop:市发改委", "coop:市法制办", "coop:各区县政府"]);
  });
  it("a short heading still runs into its first sub-item", () => {
    const { text } = repairText("一、总体要求（一）指导思想。坚持稳中求进，统筹发展和安全，推动高质量发展，建立分工明确、权责统一、协调高效的管理体制，完善各项制度，提升治理能力和水平，全面建成现代化治理体系，为全市经济社会发展提供坚实保障。（二）基本原则。坚持问题导向，坚持系统观念。二、重点任务（一）深化改革。加快推进改革。");
    expect(text.split("\n").slice(0, 3).map((l) => l.slice(0, 6))).toEqual(["一、总体要求", "(一)指导思", "(二)基本原"]);
    expect(text).not.toMatch(/\n一、协调/);
  });
});

describe("a task table with single spaces between cells (blind unseen8b: 谯城 2023)", () => {
  it("rows keep their 序号; a row's names on the lines below continue its unit cells, aligned from the right", async () => {
    const d = (await extractFile(join(import.meta.dirname, "data/unseen8b/qiaocheng-2023-keji-zhongdian-renwu-fenjie.txt"))).document;
    expect(d.measures.map((m) => m.path)).toEqual(["33", "34", "35"]);
    const at = (p: string) => d.measures.find((m) => m.path === p)!.units.map((u) => `${u.role}:${u.name}`).sort();
    expect(at("34")).toEqual([
      "coop:区农业农村局", "coop:区农投公司", "coop:区发改委", "coop:区经信局",
      "responsible:区商务局(区药发中心)", "responsible:区科技局", "responsible:区药投公司", "responsible:谯城经开区管委会",
    ].sort());
    expect(at("35")).toEqual(["coop:区经信局", "coop:谯城经开区管委会", "responsible:区科技局"].sort());
    expect(d.measures.every((m) => m.deadlines.length === 1)).toBe(true);
  });
  it("a line of single-spaced words that is no header, and rows with no header above, stay lines", () => {
    const { text } = repairText("序号 名单 备注\n1 张三 无\n2 李四 无");
    expect(text).not.toContain("\t");
  });
});

describe("a single-spaced task table whose header closes the notice's last line (blind unseen8b: 常熟 2018)", () => {
  it("the header starts a line; a section row groups the rows; short rows fill the task column, the 名称 column empty", async () => {
    const d = (await extractFile(join(import.meta.dirname, "data/unseen8b/changshu-2018-zhengfu-gongzuo-renwu-fenjie.txt"))).document;
    expect(d.measures.map((m) => m.path)).toEqual(["一/1", "一/2", "一/3", "一/4", "一/5", "一/6", "一/7", "一/8", "一/9"]);
    expect(d.measures[6].units.map((u) => `${u.role}:${u.name}`)).toEqual(["lead:发改委", "lead:经信委", "lead:科技局"]);
    expect(d.measures[8].units).toEqual([]);
  });
});
