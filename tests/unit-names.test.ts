// Unit names: the canonical name a unit is known by in its document's place (canonicalUnit, unitKey), and
// the alias groups that merge a unit's other spellings (extract/data/unit-aliases.json).
import { describe, expect, it } from "vitest";
import { canonicalUnit, expandAliases, unitKey } from "../extract/fields/units.ts";
import { isBody, isCellName } from "../extract/fields/unit-aliases.ts";
import { MIANYANG, PANZHIHUA, PINGYANG, SHANXI } from "./helpers/unit-context.ts";

describe("canonicalUnit", () => {
  it("qualifies leading 市 / 省 / 县 and bare departments", () => {
    expect(canonicalUnit("市财政局", PANZHIHUA)).toBe("攀枝花市财政局");
    expect(canonicalUnit("省科技厅", SHANXI)).toBe("山西省科技厅");
    expect(canonicalUnit("科技局", MIANYANG)).toBe("绵阳市科技局");
    expect(canonicalUnit("县科技局", PINGYANG)).toBe("平阳县科技局");
    expect(canonicalUnit("科技局", PINGYANG)).toBe("平阳县科技局");
    expect(canonicalUnit("市科技局", PINGYANG)).toBe("温州市科技局");
    expect(canonicalUnit("省科技厅", PINGYANG)).toBe("浙江省科技厅");
    expect(canonicalUnit("市委宣传部", PANZHIHUA)).toBe("攀枝花市委宣传部");
    expect(canonicalUnit("市场监管局", MIANYANG)).toBe("绵阳市市场监管局");
    expect(canonicalUnit("市市场监管局", MIANYANG)).toBe("绵阳市市场监管局");
    expect(canonicalUnit("城市管理局", MIANYANG)).toBe("绵阳市城市管理局");
    expect(canonicalUnit("科技厅", MIANYANG)).toBe("四川省科技厅");
    expect(canonicalUnit(" 财政局 ", MIANYANG)).toBe("绵阳市财政局");
  });

  it("keeps names with a place, companies, national bodies and generic groups", () => {
    expect(canonicalUnit("人行绵阳市中心支行", MIANYANG)).toBe("人行绵阳市中心支行");
    expect(canonicalUnit("山西银监局", SHANXI)).toBe("山西银监局");
    expect(canonicalUnit("人行太原中心支行", SHANXI)).toBe("人行太原中心支行");
    expect(canonicalUnit("钒钛高新区管委会", PANZHIHUA)).toBe("钒钛高新区管委会");
    expect(canonicalUnit("各县(区)人民政府", PANZHIHUA)).toBe("各县(区)人民政府");
    expect(canonicalUnit("领导小组成员单位", PANZHIHUA)).toBe("领导小组成员单位");
    expect(canonicalUnit("领导小组办公室", PANZHIHUA)).toBe("领导小组办公室");
    expect(canonicalUnit("各银行保险机构", PINGYANG)).toBe("各银行保险机构");
    expect(canonicalUnit("省级人民政府", SHANXI)).toBe("省级人民政府");
    expect(canonicalUnit("华西证券", MIANYANG)).toBe("华西证券");
    expect(canonicalUnit("坤泰担保", MIANYANG)).toBe("坤泰担保");
    expect(canonicalUnit("国家知识产权局", MIANYANG)).toBe("国家知识产权局");
    expect(canonicalUnit("市财政局", SHANXI)).toBe("市财政局"); // no city to qualify with
  });

  it("a group of the document's own level takes its place like any leading 市/省/县/区 (市相关部门 in 济南 is not 青岛's)", () => {
    expect(canonicalUnit("市级相关部门", PANZHIHUA)).toBe("攀枝花市级相关部门");
    expect(canonicalUnit("市相关部门", PANZHIHUA)).toBe("攀枝花市相关部门");
    expect(canonicalUnit("市直有关部门", PANZHIHUA)).toBe("攀枝花市直有关部门");
    expect(canonicalUnit("省有关部门", SHANXI)).toBe("山西省有关部门");
    expect(canonicalUnit("市相关部门", SHANXI)).toBe("市相关部门"); // no city to qualify with
    expect(canonicalUnit("市相关部门", { province: null, city: null, county: null }, [], "某方案")).toBe("市相关部门（地区未识别：某方案）");
  });

  it("repairs obvious typos and truncations of known names only", () => {
    // two full spellings of one body are twins, not a typo (32: 省发展改革委 / 省发展和改革委)
    expect(canonicalUnit("省发展改革委", SHANXI, ["省发展和改革委"])).toBe("山西省发展改革委");
    expect(canonicalUnit("市科技和知识局", PANZHIHUA, ["市科技和知识产权局", "市财政局"])).toBe("攀枝花市科技和知识产权局");
    expect(canonicalUnit("市财政", PANZHIHUA, ["市财政局"])).toBe("攀枝花市财政局");
    expect(canonicalUnit("市财政", PANZHIHUA)).toBe("攀枝花市财政");
    // distinct units that merely look alike
    expect(canonicalUnit("领导小组成员单位", PANZHIHUA, ["领导小组其它成员单位"])).toBe("领导小组成员单位");
    expect(canonicalUnit("绵阳银保监局", MIANYANG, ["绵阳银保监分局"])).toBe("绵阳银保监局");
    expect(canonicalUnit("市商行", MIANYANG, ["市农商行"])).toBe("绵阳市商行");
    expect(canonicalUnit("人行绵阳中心支行", MIANYANG, ["人行绵阳市中心支行"])).toBe("人行绵阳中心支行");
    expect(canonicalUnit("市政府", MIANYANG, ["市政府办公室"])).toBe("绵阳市政府");
  });
});

describe("aliases", () => {
  it("gives one key to spellings of the same unit in a region", () => {
    expect(unitKey("发改委", MIANYANG)).toBe(unitKey("市发展和改革委员会", MIANYANG));
    expect(unitKey("市发展改革委", PANZHIHUA)).toBe(unitKey("攀枝花市发改委", PANZHIHUA));
    expect(unitKey("发改委", MIANYANG)).not.toBe(unitKey("发改委", PANZHIHUA));
    expect(unitKey("经信委", MIANYANG)).toBe(unitKey("市经济和信息化局", MIANYANG));
    expect(unitKey("人民银行攀枝花市中心支行", PANZHIHUA)).toBe(unitKey("人行攀枝花中心支行", PANZHIHUA));
    expect(unitKey("市财政", MIANYANG)).toBe(unitKey("财政局", MIANYANG));
    expect(unitKey("科学技术局", MIANYANG)).toBe(unitKey("市科技局", MIANYANG));
    expect(unitKey("经合局", MIANYANG)).toBe(unitKey("市经济合作局", MIANYANG));
    expect(unitKey("省银监局", SHANXI)).toBe(unitKey("山西银监局", SHANXI));
    expect(unitKey("市政府", MIANYANG)).toBe(unitKey("绵阳市人民政府", MIANYANG));
  });

  it("keeps successive bodies and look-alike bodies apart", () => {
    expect(unitKey("山西银监局", SHANXI)).not.toBe(unitKey("山西银保监局", SHANXI));
    expect(unitKey("省金融监管局", SHANXI)).not.toBe(unitKey("山西金融监管局", SHANXI));
    expect(unitKey("市商行", MIANYANG)).not.toBe(unitKey("市农商行", MIANYANG));
    expect(unitKey("财政厅", SHANXI)).not.toBe(unitKey("财政局", SHANXI));
  });

  it("expands a term to all its spellings", () => {
    expect(expandAliases("发改委")).toEqual(expect.arrayContaining(["发改委", "发展和改革委员会", "发展改革委"]));
    expect(expandAliases("市发改委")[0]).toBe("市发改委");
    expect(expandAliases("市发改委")).toContain("市发展和改革委员会");
    expect(expandAliases("人行")).toEqual(expect.arrayContaining(["人民银行", "中国人民银行"]));
    expect(expandAliases("财政局")).toContain("财政");
    expect(expandAliases("财政厅")).toEqual(["财政厅"]);
    expect(expandAliases("银监局")).not.toContain("银保监局");
    expect(expandAliases("银监局", { lineage: true })).toEqual(expect.arrayContaining(["银保监局", "金融监管局", "保监局"]));
    expect(expandAliases("金融办", { lineage: true })).toEqual(expect.arrayContaining(["金融工作局", "地方金融监督管理局"]));
    expect(expandAliases("工商局", { lineage: true })).toContain("市场监督管理局");
    expect(expandAliases("华西证券")).toEqual(["华西证券"]);
  });

  it("recognises bodies by suffix, not ordinary words", () => {
    for (const n of ["财政局", "市委宣传部", "人行绵阳市中心支行", "领导小组", "各县(区)政府", "绵阳聚融公司", "保险行业协会", "金融机构"])
      expect(isBody(n), n).toBe(true);
    for (const n of ["主要负责人", "格局", "全社会", "进行", "举办", "我县企业", "华西证券"]) expect(isBody(n), n).toBe(false);
  });

  it("reads the endings of a table's unit cell from the data list", () => {
    // cellNameEndings: 上海 2023 unseen11b (静安 任务清单 "…、江宁路街道、石门二路街道", "…、各相关街镇"; 交通光伏 "…、各项目实施主体")
    for (const n of ["江宁路街道", "各相关街镇", "各项目实施主体", "区房管局"]) expect(isCellName(n), n).toBe(true);
    for (const n of ["江宁路街道", "各相关街镇", "各项目实施主体"]) expect(isBody(n), n).toBe(false);
    for (const n of ["格局", "全社会", "承担单位"]) expect(isCellName(n), n).toBe(false);
  });
});
