// Units by form on the seeds: labelled lines (绵阳 2022), bracket segments (攀枝花 2016), trailing phrases
// (山西 2018), prose, the lead-first convention, 任务分工表 rows (names: unit-names.test.ts; forms from the
// blind rounds: units-blind.test.ts).
import { describe, expect, it } from "vitest";
import { extractTableRowUnits, extractUnits, statesLeadFirst } from "../extract/fields/units.ts";
import { ctx, MIANYANG, PANZHIHUA, PINGYANG, SHANXI, pairs, triples } from "./helpers/unit-context.ts";

describe("labelled lines (绵阳 2022)", () => {
  it("reads 牵头单位 / 配合单位 lines and ignores prose in the same measure", () => {
    const text = `    1.研究、筛选、确定金融支持重点科创企业名单、建立动态调整机制

牵头单位:科技局

配合单位:经信局、经合局、市金融工作局 

实施路径:

     (2)企业名单动态调整机制。对纳入名单的科创企业进行分级分类监管,原则按年度对名单进行动态调整,市科技局牵头对进入名单的科创企业的经营活动情况征求有关市直部门意见。
     (3)名单确定流程:市科技局牵头汇总组织进行会议审核、征求有关单位意见、公示等。
`;
    expect(triples(text, ctx(MIANYANG))).toEqual([
      "lead:科技局:绵阳市科技局",
      "coop:经信局:绵阳市经信局",
      "coop:经合局:绵阳市经合局",
      "coop:市金融工作局:绵阳市金融工作局",
    ]);
  });

  it("reads 责任单位 followed by 配合单位", () => {
    const text = `  10.将市级贷款风险补偿基金总规模从2.2亿元扩大到2.5亿元。

 责任单位:市财政局

  配合单位:市科技局

      实施路径:进一步完善风险补偿机制。`;
    expect(pairs(text, ctx(MIANYANG))).toEqual(["responsible:市财政局", "coop:市科技局"]);
  });

  it("keeps a unit as written and repairs its canonical from known names (市财政)", () => {
    const text = `11.调整完善应急转贷资金管理政策,支持科创企业应急转贷。

责任单位:市经信局

配合单位:市财政

实施路径:保持原有资金规模。`;
    expect(triples(text, ctx(MIANYANG, { knownNames: ["市财政局", "市经信局", "市科技局"] }))).toEqual([
      "responsible:市经信局:绵阳市经信局",
      "coop:市财政:绵阳市财政局",
    ]);
    expect(triples(text, ctx(MIANYANG))[1]).toBe("coop:市财政:绵阳市财政");
  });

  it("takes company names in labels as written (华西证券, 坤泰担保)", () => {
    const text = `9.市商行、市农商行积极参与“股债通”投贷联动产品。

牵头单位:华西证券

配合单位:市商行、市农商行、坤泰担保

     实施路径:(1)建立合“投贷联动产品”作机制:①华西证券为牵头单位,负责拟定实施细则。`;
    expect(triples(text, ctx(MIANYANG))).toEqual([
      "lead:华西证券:华西证券",
      "coop:市商行:绵阳市商行",
      "coop:市农商行:绵阳市农商行",
      "coop:坤泰担保:坤泰担保",
    ]);
  });

  it("does not take '牵头单位及联系人' (no colon) as a label", () => {
    const text = `29.修订完善人才金融政策。

责任单位:市金融工作局

     实施路径:制定《优秀人才金融支持政策申报指南》,对申报对象、授信单位、申报流程及申报资料、牵头单位及联系人等内容进行明确;`;
    expect(pairs(text, ctx(MIANYANG))).toEqual(["responsible:市金融工作局"]);
    expect(pairs("对申报流程及申报资料、牵头单位及联系人等内容进行明确", ctx(MIANYANG))).toEqual([]);
  });

  it("accepts full-width colons, spaces and 【】 segments", () => {
    expect(pairs("牵头单位： 市财政局 \n配合单位 ：市科技局、 市经信局", ctx(MIANYANG))).toEqual([
      "lead:市财政局",
      "coop:市科技局",
      "coop:市经信局",
    ]);
    expect(pairs("【牵头单位：市财政局；配合单位：市科技局】", ctx(MIANYANG))).toEqual(["lead:市财政局", "coop:市科技局"]);
    expect(pairs("牵头部门:市发改委\n配合部门:市经信局\n协办单位:市统计局", ctx(MIANYANG))).toEqual([
      "lead:市发改委",
      "coop:市经信局",
      "coop:市统计局",
    ]);
    expect(pairs("责任部门：市金融工作局", ctx(MIANYANG))).toEqual(["responsible:市金融工作局"]);
  });

  it("joins a unit or a list broken across lines", () => {
    expect(pairs("责任单位:市财\n政局、市科技局\n实施路径:略", ctx(MIANYANG))).toEqual(["responsible:市财政局", "responsible:市科技局"]);
    expect(pairs("配合单位:市科技局、\n市经信局\n\n进度安排:全年推进", ctx(MIANYANG))).toEqual(["coop:市科技局", "coop:市经信局"]);
    expect(pairs("责任单位：\n市金融工作局\n\n进度安排：持续推进。", ctx(MIANYANG))).toEqual(["responsible:市金融工作局"]);
    // a full unit at the end of a line does not swallow the next line
    expect(pairs("牵头单位:市财政局\n加强资金保障。", ctx(MIANYANG))).toEqual(["lead:市财政局"]);
  });

  it("keeps lists inside parentheses and cuts remarks after a unit", () => {
    expect(pairs("责任单位(部门):各县(市、区)人民政府、市财政局", ctx(MIANYANG))).toEqual([
      "responsible:各县(市、区)人民政府",
      "responsible:市财政局",
    ]);
    expect(pairs("配合单位:市财政局、市科技局(按职责分工负责)", ctx(MIANYANG))).toEqual(["coop:市财政局", "coop:市科技局"]);
    expect(pairs("责任单位:市财政局负责资金保障、市科技局负责项目审核", ctx(MIANYANG))).toEqual([
      "responsible:市财政局",
      "responsible:市科技局",
    ]);
    expect(pairs("责任单位:市财政局、市科技局等", ctx(MIANYANG))).toEqual(["responsible:市财政局", "responsible:市科技局"]);
  });

  it("reads a unit marked (牵头) inside a 责任单位 list", () => {
    expect(pairs("责任单位:市财政局(牵头)、市科技局", ctx(MIANYANG))).toEqual(["lead:市财政局", "coop:市科技局"]);
  });
});

describe("bracket segments (攀枝花 2016)", () => {
  it("reads several labels separated by ;", () => {
    const text =
      "1.设立攀枝花市知识产权质押贷款风险补偿金,纳入全市中小企业贷款风险补偿范围,具体方案另行制定。(牵头单位:市财政局;配合单位:市科技和知识产权局、市金融办、攀枝花银监分局、人民银行攀枝花市中心支行)";
    expect(triples(text, ctx(PANZHIHUA))).toEqual([
      "lead:市财政局:攀枝花市财政局",
      "coop:市科技和知识产权局:攀枝花市科技和知识产权局",
      "coop:市金融办:攀枝花市金融办",
      "coop:攀枝花银监分局:攀枝花银监分局",
      "coop:人民银行攀枝花市中心支行:人民银行攀枝花市中心支行",
    ]);
  });

  it("splits mixed separators and keeps the same unit under two roles", () => {
    const text =
      "支持和引导各类担保机构为知识产权交易提供担保服务(牵头单位:市金融办;配合单位:市科技和知识产权局、市财政局、市金融办、人民银行攀枝花市中心支行)。";
    expect(pairs(text, ctx(PANZHIHUA))).toEqual([
      "lead:市金融办",
      "coop:市科技和知识产权局",
      "coop:市财政局",
      "coop:市金融办",
      "coop:人民银行攀枝花市中心支行",
    ]);
    const text2 =
      "(牵头单位:市财政局、市科技和知识产权局;配合单位:市金融办、攀枝花银监分局,人民银行攀枝花市中心支行、市文化和新闻出版局)";
    expect(pairs(text2, ctx(PANZHIHUA))).toEqual([
      "lead:市财政局",
      "lead:市科技和知识产权局",
      "coop:市金融办",
      "coop:攀枝花银监分局",
      "coop:人民银行攀枝花市中心支行",
      "coop:市文化和新闻出版局",
    ]);
  });

  it("reads labels separated by 、 or , and keeps parentheses inside names", () => {
    expect(
      pairs("协调解决实际问题。(牵头单位:领导小组办公室、配合单位:攀枝花银监分局、人民银行攀枝花市中心支行、领导小组其它成员单位、各商业银行)", ctx(PANZHIHUA)),
    ).toEqual([
      "lead:领导小组办公室",
      "coop:攀枝花银监分局",
      "coop:人民银行攀枝花市中心支行",
      "coop:领导小组其它成员单位",
      "coop:各商业银行",
    ]);
    const text =
      "组织年度考评并适时组织日常督导检查。(牵头单位:领导小组办公室,配合单位:领导小组成员单位,各县(区)政府、钒钛高新区管委会)";
    expect(triples(text, ctx(PANZHIHUA))).toEqual([
      "lead:领导小组办公室:领导小组办公室",
      "coop:领导小组成员单位:领导小组成员单位",
      "coop:各县(区)政府:各县(区)政府",
      "coop:钒钛高新区管委会:钒钛高新区管委会",
    ]);
  });

  it("ignores prose when a 责任单位 bracket is present", () => {
    const text =
      "1.建立企业知识产权质押融资信用体系。由市发改委、市经信委、市工商局、税务部门等部门负责提供需求企业的真实情况和数据,提供企业的信用度评价。(责任单位:攀枝花银监分局、领导小组其它成员单位、各商业银行)";
    expect(pairs(text, ctx(PANZHIHUA))).toEqual([
      "responsible:攀枝花银监分局",
      "responsible:领导小组其它成员单位",
      "responsible:各商业银行",
    ]);
  });

  it("repairs a truncated name with the document's known names (市科技和知识局)", () => {
    const text =
      "5.组建知识产权质押融资专家咨询队伍。(牵头单位:市科技和知识局;配合单位:市财政局、市金融办、攀枝花银监分局)";
    const known = ["市科技和知识产权局", "市财政局", "市金融办", "攀枝花银监分局", "市科技和知识局"];
    expect(extractUnits(text, ctx(PANZHIHUA, { knownNames: known }))[0]).toEqual({
      role: "lead",
      name: "市科技和知识局",
      canonical: "攀枝花市科技和知识产权局",
    });
  });

  it("reads a label inside a sentence bracket ending with ). and a new one of the same form", () => {
    expect(pairs("确定工作重点和目标(牵头单位:领导小组办公室;配合单位:领导小组成员单位)。", ctx(PANZHIHUA))).toEqual([
      "lead:领导小组办公室",
      "coop:领导小组成员单位",
    ]);
    expect(pairs("建立县级风险补偿资金池（牵头单位：县财政局；配合单位：县科技局、县金融监管支局）。", ctx(PINGYANG))).toEqual([
      "lead:县财政局",
      "coop:县科技局",
      "coop:县金融监管支局",
    ]);
  });
});

describe("trailing phrases (山西 2018)", () => {
  it("reads (A牵头,B、C等配合)", () => {
    const text =
      "(一)完善科技信贷管理机制。鼓励银行业机构制定专项的科技型企业信贷管理办法,提高小微贷款不良贷款容忍度。(山西银监局牵头,省科技厅、省金融办、人行太原中心支行等配合)";
    expect(triples(text, ctx(SHANXI))).toEqual([
      "lead:山西银监局:山西银监局",
      "coop:省科技厅:山西省科技厅",
      "coop:省金融办:山西省金融办",
      "coop:人行太原中心支行:人行太原中心支行",
    ]);
  });

  it("reads several leads", () => {
    expect(pairs("鼓励更多的科技型企业参加科技保险。(山西保监局、省科技厅牵头,省金融办等配合)", ctx(SHANXI))).toEqual([
      "lead:山西保监局",
      "lead:省科技厅",
      "coop:省金融办",
    ]);
  });

  it("joins 牵\\n头 and ignores the prose '由…牵头设立' next to it", () => {
    const text = `(一)建立科技金融服务工作协调机制。建立健全由科技、财政、金融监管部门参加的协调沟通和分工负责机制。省科技金融服务工作协调机制由省金融办、省科技厅牵头设立,适时举办联席会议推进专项工作。(省金融办、省科技厅牵

头,省发展改革委、省经信委、省教育厅、省财政厅、省中小企业局、人行太原中心支行、山西银监局、山西保监局、山西证监局等配合)`;
    expect(pairs(text, ctx(SHANXI))).toEqual([
      "lead:省金融办",
      "lead:省科技厅",
      "coop:省发展改革委",
      "coop:省经信委",
      "coop:省教育厅",
      "coop:省财政厅",
      "coop:省中小企业局",
      "coop:人行太原中心支行",
      "coop:山西银监局",
      "coop:山西保监局",
      "coop:山西证监局",
    ]);
  });

  it("reads mixed half- and full-width punctuation", () => {
    const text =
      "成为面向全省的科技金融服务示范平台。(山西转型综改示范区管委会、省金融办、省科技厅牵头，人行太原中心支行、山西银监局、省知识产权局等配合)";
    expect(triples(text, ctx(SHANXI))).toEqual([
      "lead:山西转型综改示范区管委会:山西转型综改示范区管委会",
      "lead:省金融办:山西省金融办",
      "lead:省科技厅:山西省科技厅",
      "coop:人行太原中心支行:人行太原中心支行",
      "coop:山西银监局:山西银监局",
      "coop:省知识产权局:山西省知识产权局",
    ]);
  });

  it("reads (A牵头), (C等配合) and (由A牵头,B配合) with either bracket width", () => {
    expect(pairs("建立科技金融专家库。（市财政局牵头）", ctx(MIANYANG))).toEqual(["lead:市财政局"]);
    expect(pairs("建立科技金融专家库。(市科技局牵头)", ctx(MIANYANG))).toEqual(["lead:市科技局"]);
    expect(pairs("做好宣传工作。（市科技局等配合）", ctx(MIANYANG))).toEqual(["coop:市科技局"]);
    expect(pairs("(由市财政局牵头,市科技局、市金融办配合)", ctx(MIANYANG))).toEqual([
      "lead:市财政局",
      "coop:市科技局",
      "coop:市金融办",
    ]);
    expect(pairs("(各县(区)政府牵头,市财政局配合)", ctx(PANZHIHUA))).toEqual(["lead:各县(区)政府", "coop:市财政局"]);
  });

  it("gives nothing for brackets that name no body", () => {
    expect(pairs("(主要负责人牵头)", ctx(MIANYANG))).toEqual([]);
    expect(pairs("(此件公开发布)", ctx(SHANXI))).toEqual([]);
    expect(pairs("(与科技金融联席会议制度紧密挂钩)", ctx(PANZHIHUA))).toEqual([]);
  });
});

describe("prose forms (only without explicit assignment)", () => {
  it("reads X会同Y", () => {
    expect(pairs("市财政局会同市金融工作局加快修订市级财政金融互动政策", ctx(MIANYANG))).toEqual([
      "lead:市财政局",
      "coop:市金融工作局",
    ]);
    expect(pairs("市委宣传部会同市委组织部、市财政局研究制定办法", ctx(MIANYANG))).toEqual([
      "lead:市委宣传部",
      "coop:市委组织部",
      "coop:市财政局",
    ]);
    expect(pairs("由市金融工作局会同人行绵阳市中心支行组织开展评价", ctx(MIANYANG))).toEqual([
      "lead:市金融工作局",
      "coop:人行绵阳市中心支行",
    ]);
  });

  it("reads X牵头 and 由X牵头, cutting the words before X", () => {
    expect(pairs("省科技金融服务工作协调机制由省金融办、省科技厅牵头设立,适时举办联席会议", ctx(SHANXI))).toEqual([
      "lead:省金融办",
      "lead:省科技厅",
    ]);
    expect(pairs("原则按年度对名单进行动态调整,市科技局牵头对进入名单的科创企业征求意见。", ctx(MIANYANG))).toEqual([
      "lead:市科技局",
    ]);
    expect(pairs("市财政局牵头,各县(区)人民政府配合。", ctx(MIANYANG))).toEqual(["lead:市财政局", "coop:各县(区)人民政府"]);
  });

  it("reads X负责 / 由X负责 as responsible, as coop after a named lead", () => {
    expect(pairs("领导小组负责统筹、协调全市知识产权质押融资试点工作,制定相关的政策。", ctx(PANZHIHUA))).toEqual([
      "responsible:领导小组",
    ]);
    expect(pairs("由市金融工作局负责。", ctx(MIANYANG))).toEqual(["responsible:市金融工作局"]);
    expect(pairs("市科技局和市财政局共同负责项目审核。", ctx(MIANYANG))).toEqual([
      "responsible:市科技局",
      "responsible:市财政局",
    ]);
    expect(pairs("由市科技局牵头,市财政局、市经信局按职责分工负责。", ctx(MIANYANG))).toEqual([
      "lead:市科技局",
      "coop:市财政局",
      "coop:市经信局",
    ]);
    expect(pairs("各有关部门按职责分工负责。", ctx(MIANYANG))).toEqual(["responsible:各有关部门"]);
    expect(pairs("县科技局负责,县财政局配合", ctx(PINGYANG))).toEqual(["responsible:县科技局", "coop:县财政局"]);
  });

  it("joins a prose list broken by a line inside a long sentence", () => {
    const text = "为加快推进科技金融服务体系建设，经研究决定由市财政局、市科\n技局牵头组织实施。";
    expect(pairs(text, ctx(MIANYANG))).toEqual(["lead:市财政局", "lead:市科技局"]);
  });

  it("gives nothing for persons, enterprises and plain mentions", () => {
    expect(pairs("各单位要高度重视,主要负责人牵头落实,建立工作机制,加强工作统筹协调。", ctx(PINGYANG))).toEqual([]);
    expect(pairs("支持我县企业主动牵头或参与国家科技攻关任务。", ctx(PINGYANG))).toEqual([]);
    expect(pairs("各新闻媒体要积极配合,进一步加大对知识产权质押融资典型案例的宣传报道。", ctx(PANZHIHUA))).toEqual([]);
    expect(pairs("领导小组下设办公室在市科技和知识产权局,负责领导小组日常工作。", ctx(PANZHIHUA))).toEqual([]);
    expect(pairs("建立健全由科技、财政、金融监管部门参加的协调沟通和分工负责机制。", ctx(SHANXI))).toEqual([]);
    expect(pairs("鼓励国企、上市公司等核心企业支持配合中小微科创企业开展应收账款确权。", ctx(MIANYANG))).toEqual([]);
    expect(pairs("金融监管支局要加强与财政、科技、经信等部门沟通协作。", ctx(PINGYANG))).toEqual([]);
    expect(pairs("指定专门部门及人员负责对接该项业务。", ctx(MIANYANG))).toEqual([]);
    expect(pairs("", ctx(MIANYANG))).toEqual([]);
  });
});

describe("lead-first convention", () => {
  it("detects the statement", () => {
    expect(statesLeadFirst("附件:重点任务分工(责任单位中列第一位的为牵头单位)")).toBe(true);
    expect(statesLeadFirst("（排在首位的为牵头部门，其他为配合部门）")).toBe(true);
    expect(statesLeadFirst("列 第 一 位 者 为 牵 头 单 位")).toBe(true);
    expect(statesLeadFirst("牵头单位及联系人等内容进行明确")).toBe(false);
    expect(statesLeadFirst("列入第一批名单的单位")).toBe(false);
  });

  it("makes the first unit of a 责任单位 list lead and the rest coop", () => {
    const c = ctx(MIANYANG, { leadFirst: true });
    expect(pairs("责任单位:市财政局、市科技局、市金融工作局", c)).toEqual(["lead:市财政局", "coop:市科技局", "coop:市金融工作局"]);
    expect(pairs("(责任单位:市金融工作局)", c)).toEqual(["lead:市金融工作局"]);
    // other labels keep their roles
    expect(pairs("牵头单位:市财政局\n配合单位:市科技局、市经信局", c)).toEqual(["lead:市财政局", "coop:市科技局", "coop:市经信局"]);
    expect(pairs("责任单位:市财政局、市科技局", ctx(MIANYANG))).toEqual(["responsible:市财政局", "responsible:市科技局"]);
  });
});

describe("任务分工表 rows", () => {
  it("reads lead and coop cells, joining broken names", () => {
    expect(extractTableRowUnits("市财政局", "市科技局、市金融\n工作局等", ctx(MIANYANG))).toEqual([
      { role: "lead", name: "市财政局", canonical: "绵阳市财政局" },
      { role: "coop", name: "市科技局", canonical: "绵阳市科技局" },
      { role: "coop", name: "市金融工作局", canonical: "绵阳市金融工作局" },
    ]);
  });

  it("splits units given one per line", () => {
    const units = extractTableRowUnits("市委\n宣传部", "市财政局\n市科技局", ctx(MIANYANG));
    expect(units.map((u) => `${u.role}:${u.name}`)).toEqual(["lead:市委宣传部", "coop:市财政局", "coop:市科技局"]);
  });

  it("gives nothing for empty cells", () => {
    expect(extractTableRowUnits("", "  ", ctx(MIANYANG))).toEqual([]);
  });
});
