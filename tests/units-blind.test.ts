// Units from the forms the blind rounds found (tests/data/unseen4 … unseen6): items sharing one head, level
// words with no head, groups and summing tails, names cut at the source; each on its real text.
import { describe, expect, it } from "vitest";
import type { Region } from "../extract/schema.ts";
import { canonicalUnit, extractTableRowUnits, statesLeadFirst } from "../extract/fields/units.ts";
import { ctx, MIANYANG, SHANXI, pairs, triples } from "./helpers/unit-context.ts";
import { join } from "node:path";
import { ROOT } from "./helpers/paths.ts";
import { extractFile } from "./helpers/extract.ts";

describe("items sharing one head (blind unseen4: 云南 2017, 贵州 2026, 海东 2020)", () => {
  const YUNNAN: Region = { province: "云南省", city: null, county: null };
  const GUIZHOU: Region = { province: "贵州省", city: null, county: null };
  const HAIDONG: Region = { province: "青海省", city: "海东市", county: null };
  const GUANGXI: Region = { province: "广西壮族自治区", city: null, county: null };

  it("level words before one government are one group, also in a run of four and with a bracketed level", () => {
    expect(pairs("(省发展改革委、财政厅牵头;省工业和信息化委、国土资源厅,各州、市人民政府配合)", ctx(YUNNAN))).toEqual([
      "lead:省发展改革委", "lead:财政厅", "coop:省工业和信息化委", "coop:国土资源厅", "coop:各州、市人民政府",
    ]);
    expect(pairs("(省发展改革委牵头,各州、市、县、区人民政府配合)", ctx(YUNNAN))).toEqual(["lead:省发展改革委", "coop:各州、市、县、区人民政府"]);
    expect(pairs("(省发展改革委牵头,各市(州)、县(市、区)人民政府配合)", ctx(YUNNAN))).toEqual(["lead:省发展改革委", "coop:各市(州)、县(市、区)人民政府"]);
  });

  it("a bracketed level and a named new area share the area's head (各市〔州〕、贵安新区数据管理部门)", () => {
    expect(triples("(责任单位:省大数据局,各市〔州〕、贵安新区数据管理部门)", ctx(GUIZHOU))).toEqual([
      "responsible:省大数据局:贵州省大数据局",
      "responsible:各市〔州〕、贵安新区数据管理部门:各市〔州〕、贵安新区数据管理部门",
    ]);
  });

  it("places before one head are one unit as written; a place alone is never split off", () => {
    expect(triples("责任单位:海东市、兰州市、临夏州发展改革部门", ctx(HAIDONG))).toEqual([
      "responsible:海东市、兰州市、临夏州发展改革部门:海东市、兰州市、临夏州发展改革部门",
    ]);
  });

  it("nothing is joined where each item has its own head or the next one is another level's group", () => {
    expect(pairs("责任单位:市财政局、各区、市直有关部门", ctx(MIANYANG))).toEqual(["responsible:市财政局", "responsible:各区", "responsible:市直有关部门"]);
    expect(pairs("责任单位:海东市发展改革委、兰州市发展改革委", ctx(HAIDONG))).toEqual(["responsible:海东市发展改革委", "responsible:兰州市发展改革委"]);
  });

  it("a leading 自治区 and the bare names after it take the autonomous region; 园区 names no place, a 园区管委会 does", () => {
    expect(canonicalUnit("自治区财政厅", GUANGXI)).toBe("广西壮族自治区财政厅");
    expect(canonicalUnit("产业园区改革发展办公室", GUANGXI)).toBe("广西壮族自治区产业园区改革发展办公室");
    expect(canonicalUnit("广西证监局", GUANGXI)).toBe("广西证监局");
    expect(canonicalUnit("园区管委会", { province: "江苏省", city: "淮安市", county: null })).toBe("园区管委会");
  });
});

describe("level words after 各 with no head (blind round 4b: 广州 2012)", () => {
  it("各区、县级市 and 各有关区、县级市 are one group each", () => {
    expect(pairs("（牵头单位：市发展改革委，配合单位：市委组织部、市人力资源和社会保障局，各区、县级市）", ctx(MIANYANG))).toEqual([
      "lead:市发展改革委", "coop:市委组织部", "coop:市人力资源和社会保障局", "coop:各区、县级市",
    ]);
    expect(pairs("（牵头单位：市科技局，配合单位：各有关区、县级市）", ctx(MIANYANG))).toEqual(["lead:市科技局", "coop:各有关区、县级市"]);
    expect(pairs("(各区、各部门负责)", ctx(MIANYANG))).toEqual(["responsible:各区", "responsible:各部门"]);
  });
});

describe("groups and summing tails seen in the round 4 searches", () => {
  it("a group holding 牵头 in its name (昆明 2023 政策汇编 〔…,各重点产业链牵头责任单位按照职责分工负责〕)", () => {
    expect(pairs("给予20万元补助。〔市委组织部、市人力资源社会保障局,各重点产业链牵头责任单位按照职责分工负责〕", ctx(MIANYANG))).toEqual([
      "responsible:市委组织部", "responsible:市人力资源社会保障局", "responsible:各重点产业链牵头责任单位",
    ]);
  });

  it("等省有关部门 sums the list (粤府办〔2023〕5号: …、能源局等省有关部门和各地级以上市人民政府按职责分工负责)", () => {
    expect(pairs("鼓励支持民间资本介入。(省发展改革委、交通运输厅、水利厅、住房城乡建设厅、能源局等省有关部门和各地级以上市人民政府按职责分工负责)", ctx(SHANXI))).toEqual([
      "responsible:省发展改革委", "responsible:交通运输厅", "responsible:水利厅", "responsible:住房城乡建设厅", "responsible:能源局", "responsible:各地级以上市人民政府",
    ]);
  });
});

describe("数字广东建设2025年工作要点 (blind round 4b-2, tests/data/unseen5b)", () => {
  const GUANGDONG: Region = { province: "广东省", city: null, county: null };
  it("X结合实际落实 is a duty clause like X组织落实", () => {
    expect(pairs("责任单位：省科技厅、工业和信息化厅按职责分工负责，各地级以上市人民政府结合实际落实", ctx(GUANGDONG))).toEqual([
      "responsible:省科技厅", "responsible:工业和信息化厅", "responsible:各地级以上市人民政府",
    ]);
  });
  it("a bare 供销社, 检察院 or 法院 is a department of the document's own level", () => {
    expect(["供销社", "检察院", "法院"].map((n) => canonicalUnit(n, GUANGDONG))).toEqual(["广东省供销社", "广东省检察院", "广东省法院"]);
  });
});

describe("round 5 (blind, tests/data/unseen6: 嘉鱼 2021, 成都 2022)", () => {
  const JIAYU: Region = { province: "湖北省", city: "咸宁市", county: "嘉鱼县" };
  const ANSHUN: Region = { province: "贵州省", city: "安顺市", county: null };
  it("a body's second plate in brackets is part of its name", () => {
    expect(triples("[牵头单位:县发改局(粮食局);责任单位:各镇人民政府,嘉鱼经济开发区]", ctx(JIAYU))).toEqual([
      "lead:县发改局(粮食局):嘉鱼县发改局(粮食局)", "coop:各镇人民政府:各镇人民政府", "coop:嘉鱼经济开发区:嘉鱼经济开发区",
    ]);
    // 安顺 市级储备粮管理办法: the same form in prose
    expect(pairs("由市发展改革委（市粮食和物资储备局）会同市财政局、农发行安顺分行制定市级储备粮分解计划", ctx(ANSHUN))).toEqual([
      "lead:市发展改革委（市粮食和物资储备局）", "coop:市财政局", "coop:农发行安顺分行",
    ]);
    // a bracket that names no body is still no part of the name
    expect(pairs("（牵头单位：市卫健委（疾控））", ctx(ANSHUN))).toEqual(["lead:市卫健委"]);
  });
  it("a square bracket cut at the source keeps only whole names", () => {
    expect(pairs("(六)城乡居民人均可支配收入与经济增长同步。[牵头单位:县发改局(粮食局)、县农业农", ctx(JIAYU))).toEqual(["lead:县发改局(粮食局)"]);
  });
  it("数据提供单位 names who supplies a figure, not a unit of the task", () => {
    const CHENGDU: Region = { province: "四川省", city: "成都市", county: null };
    expect(pairs("8.全社会研发经费投入增长8%。(牵头单位:市科技局;责任单位:市经信局、市财政局;数据提供单位:市统计局)", ctx(CHENGDU))).toEqual([
      "lead:市科技局", "coop:市经信局", "coop:市财政局",
    ]);
  });
});

describe("names cut at the source (round 4b-3, tests/data/unseen5c: 渝中 2023)", () => {
  const YUZHONG: Region = { province: "重庆市", city: null, county: "渝中区" };
  it("a label line whose last name is cut to a level word and a character or two is not read as that name", () => {
    expect(pairs("4.社会消费品零售总额增长6%左右。\n牵头单位:区商", ctx(YUZHONG))).toEqual([]);
    expect(pairs("3.固定资产投资总额增长5%以上。\n牵头单位:区发改委\n责任单位:区住建委、区财政局", ctx(YUZHONG))).toEqual([
      "lead:区发改委", "coop:区住建委", "coop:区财政局",
    ]);
  });
  it("a unit cell holding a clause reads only the names that end like a body", () => {
    expect(extractTableRowUnits("推动量子通信器件国家重点实验室落地,引进机数科技等8家独立法人研发机构、中科", "", ctx(YUZHONG)).map((u) => u.name)).toEqual([]);
    expect(extractTableRowUnits("推动量子通信器件国家重点实验室落地,引进机数科技等8家独立法人研发机构、区科技局", "区经济信息委", ctx(YUZHONG)).map((u) => `${u.role}:${u.name}`)).toEqual([
      "lead:区科技局", "coop:区经济信息委",
    ]);
  });
});

describe("brackets and label lines cut at the source, officials before the bodies (round 7a, tests/data/unseen7)", () => {
  const HUNAN: Region = { province: "湖南省", city: null, county: null };
  const DONGGUAN: Region = { province: "广东省", city: "东莞市", county: null };
  const SICHUAN: Region = { province: "四川省", city: null, county: null };
  const HUNAN_CUT = "主要预期目标:经济增长7.5%—8%;生态环境进一步改善,万元GDP能耗下降2.5%(分管副省长、协管副秘书长负责,省发展改革委牵头,省工业和信息化厅、省";
  it("officials named first in a bracket are people; a list after the lead whose verb is cut cooperates (湖南 湘政发〔2019〕1号)", () => {
    expect(triples(HUNAN_CUT, ctx(HUNAN, { atEnd: true }))).toEqual(["lead:省发展改革委:湖南省发展改革委", "coop:省工业和信息化厅:湖南省工业和信息化厅"]);
    // the same bracket closed
    expect(pairs("万元GDP能耗下降2.5%(分管副省长、协管副秘书长负责,省发展改革委牵头,省工业和信息化厅等配合)", ctx(HUNAN))).toEqual([
      "lead:省发展改革委", "coop:省工业和信息化厅",
    ]);
    // not the document's end: an unclosed bracket assigns nothing of its own (the prose lead only)
    expect(pairs(HUNAN_CUT, ctx(HUNAN))).toEqual(["lead:省发展改革委"]);
  });
  it("a bare list in a bracket the stored copy cuts is responsible, whole names only (东莞 东府〔2020〕51号)", () => {
    const text = "阶段性降低失业保险、工伤保险缴费费率实施期限至2021年4月30日。(市人力资源社会保障局、市医保局、市";
    expect(triples(text, ctx(DONGGUAN, { atEnd: true }))).toEqual([
      "responsible:市人力资源社会保障局:东莞市人力资源社会保障局", "responsible:市医保局:东莞市医保局",
    ]);
    expect(pairs(text, ctx(DONGGUAN))).toEqual([]);
  });
  it("a label line cut inside a longer name at the document's end is not read (四川 川办函〔2017〕113号)", () => {
    const text = "2.建设重点创新试验区。探索在有条件的地区建立若干承接区域科技转移示范园区。\n责任单位:省发展改";
    expect(pairs(text, ctx(SICHUAN, { atEnd: true }))).toEqual([]);
    expect(pairs("1.优化空间开发布局。\n责任单位:省发展改革委、住房城乡建设厅、交通运输厅、国土资源厅,有关市(州)人民政府等。", ctx(SICHUAN, { atEnd: true }))).toEqual([
      "responsible:省发展改革委", "responsible:住房城乡建设厅", "responsible:交通运输厅", "responsible:国土资源厅", "responsible:有关市(州)人民政府",
    ]);
    // 渝中 2023 一/3: a longer last name closing a measure inside the document stays
    expect(pairs("3.固定资产投资总额增长5%以上。\n牵头单位:区发改委\n责任单位:区住建委、各管委会、区属各重点国企等", ctx({ province: "重庆市", city: null, county: "渝中区" }))).toEqual([
      "lead:区发改委", "coop:区住建委", "coop:各管委会", "coop:区属各重点国企",
    ]);
  });
});

describe("duties in prose (round 7a second batch, tests/data/unseen7: 三门峡 三政办〔2020〕19号)", () => {
  const SANMENXIA: Region = { province: "河南省", city: "三门峡市", county: null };
  it("X负责 names a group of the document's own level; a place is no body; X要 assigns nothing", () => {
    expect(triples("(二)职责分工\n市政府各有关部门负责本部门职权范围内赋权事项的下放工作,灵宝市负责下放权限的承接工作(附件1)。", ctx(SANMENXIA))).toEqual([
      "responsible:市政府各有关部门:三门峡市政府各有关部门",
    ]);
    expect(pairs("(一)切实推进权限下放\n市政府各有关部门要按照职责分工制定放权赋能工作方案,切实推进权限下放", ctx(SANMENXIA))).toEqual([]);
  });
});

describe("forms the round 7b set showed to the units reader (tests/data/unseen7b: 湖州 2020, 许昌 2020)", () => {
  const XUCHANG: Region = { province: "河南省", city: "许昌市", county: null };
  it("列第一位者为工作牵头单位 states that the first listed leads", () => {
    expect(statesLeadFirst("责任单位:市经信局、市财政局、市发展改革委(列第一位者为工作牵头单位或汇总单位,下同)")).toBe(true);
  });
  it("a government's stand-in in brackets after its name, on a label line, is no unit of its own", () => {
    expect(pairs("1.坚持常态化防控。\n责任单位:市疫情防控指挥部办公室、市卫生健康委等,各县(市、区)政府(管委会)", ctx(XUCHANG))).toEqual([
      "responsible:市疫情防控指挥部办公室", "responsible:市卫生健康委", "responsible:各县(市、区)政府(管委会)",
    ]);
    // a bare list closing an item still assigns it
    expect(pairs("加快推进项目建设。(市发展改革委、市财政局)", ctx(XUCHANG))).toEqual(["responsible:市发展改革委", "responsible:市财政局"]);
  });
});

describe("duties in prose in a full text (round 7c second batch, tests/data/unseen7c: 北京 京经信发〔2022〕87号)", () => {
  const BEIJING: Region = { province: "北京市", city: "北京市", county: null };
  it("运营单位 is a party the policy speaks of, not a body it assigns, also in an X会同Y list", () => {
    expect(pairs("北京市经济和信息化局会同专区监管部门、数据提供部门和运营单位建立数据质量反馈机制。", ctx(BEIJING))).toEqual([
      "lead:北京市经济和信息化局", "coop:专区监管部门", "coop:数据提供部门",
    ]);
    expect(pairs("专区反哺数据…。由专区监管部门会同运营单位审核同意后依托市大数据平台实施共享。", ctx(BEIJING))).toEqual(["lead:专区监管部门"]);
    expect(pairs("运营单位作为专区运营主体，负责数据专区的建设运营。", ctx(BEIJING))).toEqual([]);
  });
});

describe("the first listed leads, written 排名第1 (round 7e second batch, tests/data/unseen7e: 河北 冀工信装〔2023〕127号)", () => {
  const HEBEI: Region = { province: "河北省", city: null, county: null };
  it("a 责任单位 value closed by '排名第1为牵头单位，下同' leads with its first unit from that item on; the statement is no name", async () => {
    const { document: doc } = await extractFile(join(ROOT, "tests/data/unseen7e/hebei-2023-zhuzao-duanya-ruogan-cuoshi.txt"));
    const at = (path: string) => doc.measures.find((m) => m.path === path)!.units.map((u) => `${u.role}:${u.name}`);
    expect(at("二/(一)")).toEqual(["lead:省科技厅", "coop:省工业和信息化厅"]);
    expect(at("二/(二)")).toEqual(["lead:省工业和信息化厅"]);
    expect(at("六/(二十)")).toEqual(["lead:省地方金融监管局", "coop:省财政厅", "coop:人民银行石家庄中心支行", "coop:河北银保监局", "coop:河北证监局"]);
    expect(doc.measures.flatMap((m) => m.units).some((u) => /下同|排名/.test(u.name))).toBe(false);
  });
  it("the statement is read with or without 位, and only where it names who leads", () => {
    expect(statesLeadFirst("（责任单位：省科技厅、省工业和信息化厅，排名第1为牵头单位，下同）")).toBe(true);
    expect(statesLeadFirst("责任单位：市发改委、市经信局(排名第一的为牵头单位)")).toBe(true);
    expect(statesLeadFirst("对在全国排名第1的企业给予奖励，排名第10位的给予通报")).toBe(false);
    expect(pairs("（责任单位：省科技厅、省工业和信息化厅，排名第1为牵头单位，下同）", ctx(HEBEI, { leadFirst: true }))).toEqual(["lead:省科技厅", "coop:省工业和信息化厅"]);
  });
  it("a statement in brackets after the last name goes with the bracket, the name stays (丽水 2023, 湖州 2020)", () => {
    const LISHUI: Region = { province: "浙江省", city: "丽水市", county: null };
    expect(pairs("责任单位:市发改委、市卫生健康委(除标注“分别牵头”外,列第一位为牵头或汇总单位,下同)", ctx(LISHUI, { leadFirst: true }))).toEqual(["lead:市发改委", "coop:市卫生健康委"]);
  });
});

describe("round 8 blind sets (tests/data/unseen8, unseen8b)", () => {
  const JINING: Region = { province: "山东省", city: "济宁市", county: null };
  const GUANGZHOU: Region = { province: "广东省", city: "广州市", county: null };
  it("国家统计局…调查队 is a body: the 参加 list after a named lead is coop (济宁)", () => {
    expect(pairs("(市发展改革委、市人力资源社会保障局牵头,市委组织部、市统计局、国家统计局济宁调查队参加)", ctx(JINING))).toEqual([
      "lead:市发展改革委", "lead:市人力资源社会保障局", "coop:市委组织部", "coop:市统计局", "coop:国家统计局济宁调查队",
    ]);
  });
  it("level words before 县级市政府 share its head (广州 2012 科技创新工程)", () => {
    expect(pairs("（牵头单位：市科技和信息化局，配合单位：市财政局、各区、县级市政府）", ctx(GUANGZHOU))).toEqual([
      "lead:市科技和信息化局", "coop:市财政局", "coop:各区、县级市政府",
    ]);
  });
  it("a quoted slogan inside a labelled body's name is part of it (广州 2012 党建创新工程)", () => {
    expect(pairs("（牵头单位：市“两新”组织党工委，配合单位：市非公有制经济组织党工委、市社会组织党工委）", ctx(GUANGZHOU))).toEqual([
      "lead:市“两新”组织党工委", "coop:市非公有制经济组织党工委", "coop:市社会组织党工委",
    ]);
    expect(pairs("（牵头单位：市委宣传部，配合单位：“十大工程”、市委党校）", ctx(GUANGZHOU))).toEqual(["lead:市委宣传部", "coop:市委党校"]);
  });
  it("主管单位 is a role a paragraph defines, not a body it assigns (国务院 2018 政务新媒体)", () => {
    expect(pairs("国务院办公厅是全国政务新媒体工作的主管单位。主管单位负责推进、指导、协调、监督政务新媒体工作。", ctx(JINING))).toEqual([]);
  });
});

describe("round 8c full texts (tests/data/unseen8c, 河北)", () => {
  const HEBEI_P: Region = { province: "河北省", city: null, county: null };
  it("X负责制定 is X负责 (负责制, a system, stays no clause)", () => {
    expect(pairs("省级司法行政部门负责制定落实行政执法责任制实施意见。", ctx(HEBEI_P))).toEqual(["responsible:省级司法行政部门"]);
    // "各级商务主管部门负责制定和实施本地区拍卖行业发展规划" (商务部 拍卖管理办法): the same form, 和 after 制定
    expect(pairs("省级商务主管部门负责制定和实施本地区拍卖行业发展规划。", ctx(HEBEI_P))).toEqual(["responsible:省级商务主管部门"]);
    expect(pairs("落实行政执法责任制，完善岗位负责制。", ctx(HEBEI_P))).toEqual([]);
  });
  it("a 牵头 list after 建立/形成 describes the mechanism to set up: no unit (河北 2023 行政执法; 国办发〔2018〕117号; 广州 2012)", () => {
    expect(pairs("建立省级行政执法部门牵头统筹，各级行政执法部门协同落实的标准化制度化培训机制，开展分类分级分层培训。各级司法行政部门负责对行政执法机关开展培训。", ctx(HEBEI_P))).toEqual([
      "responsible:各级司法行政部门",
    ]);
    expect(pairs("各省（区、市）政府要建立省级政府办公厅牵头、省级有关部门参与的工作机制。", ctx(HEBEI_P))).toEqual([]);
    expect(pairs("形成组织部门牵头抓总，职能部门各司其职、密切配合的人才工作格局。", ctx(HEBEI_P))).toEqual([]);
    expect(pairs("由省司法厅牵头，建立培训机制。", ctx(HEBEI_P))).toEqual(["lead:省司法厅"]);
  });
  it("a note on all the tasks after a comma closes a labelled value: not units (河北 2024 塞罕坝)", () => {
    expect(pairs("（责任单位：省委党校、省林业和草原局，机械林场,以下均含省林业和草原局、机械林场,不再单独列出）", ctx(HEBEI_P))).toEqual([
      "responsible:省委党校", "responsible:省林业和草原局", "responsible:机械林场",
    ]);
    // 潮州 2019 打赢蓝天保卫战实施方案 (a page): "以下各项工作均需…落实，不再列出" after 。; level words before 区人民政府(管委会) share its head
    const CHAOZHOU: Region = { province: "广东省", city: "潮州市", county: null };
    expect(pairs("〔市生态环境局牵头，市发展和改革局、工业和信息化局参与，各县、区人民政府(管委会)负责落实。以下各项工作均需各县、区人民政府(管委会)落实，不再列出。〕", ctx(CHAOZHOU))).toEqual([
      "lead:市生态环境局", "coop:市发展和改革局", "coop:工业和信息化局", "coop:各县、区人民政府(管委会)",
    ]);
  });
});

describe("round 9b blind set (tests/data/unseen9b)", () => {
  const LIAONING: Region = { province: "辽宁省", city: null, county: null };
  const SICHUAN: Region = { province: "四川省", city: null, county: null };
  it("a body's second name in brackets is part of its name, also where a stored copy ends inside the list (辽宁 2025, 四川 2018)", () => {
    const cut = "加快推进中国原子能院葫芦岛基地等重大项目。〔省委军民融合办、省水利厅、省数据局(省营商局)";
    expect(pairs(cut, ctx(LIAONING, { atEnd: true }))).toEqual(["responsible:省委军民融合办", "responsible:省水利厅", "responsible:省数据局(省营商局)"]);
    expect(pairs("（二）航站楼基础和地下工程基本完工。〔省机场集团、省发展改革委(省铁路机场办)", ctx(SICHUAN, { atEnd: true }))).toEqual([
      "responsible:省机场集团", "responsible:省发展改革委(省铁路机场办)",
    ]);
    // a bare list in brackets closing a paragraph is still read, and a cut name still dropped
    expect(pairs("（二）健全机制。(市财政局)", ctx(LIAONING))).toEqual(["responsible:市财政局"]);
    expect(pairs("加快推进。(市人力资源社会保障局、市医保局、市", ctx(LIAONING, { atEnd: true }))).toEqual(["responsible:市人力资源社会保障局", "responsible:市医保局"]);
  });
});
