// Metadata forms the blind rounds found, on their real texts (round 7b: tests/data/unseen7b).
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { extractFile } from "./helpers/extract.ts";
import { extractMetadata } from "../extract/fields/metadata.ts";

const file = (set: string, name: string) => join(import.meta.dirname, "data", set, `${name}.txt`);
const meta = async (set: string, name: string) => {
  const d = (await extractFile(file(set, name))).document;
  return { title: d.title, docNumber: d.docNumber, issuer: d.issuer, issuedDate: d.issuedDate, publishedDate: d.publishedDate, city: d.region.city };
};

describe("round 7b metadata forms (tests/data/unseen7b)", () => {
  it("a portal block's 名称 cell holds the headline: its issuer (六盘水 六盘水府办发〔2022〕10号)", async () => {
    expect(await meta("unseen7b", "liupanshui-2022-xinjijian-sannian-xingdong")).toEqual({
      title: "六盘水市新型基础设施建设三年行动方案(2022—2024年)", docNumber: "六盘水府办发〔2022〕10号", issuer: "六盘水市人民政府办公室",
      issuedDate: null, publishedDate: "2022-12-02", city: "六盘水市",
    });
    // the cell's label and pipes are no part of the headline
    const m = extractMetadata("名 称: | 市人民政府办公室关于印发某某方案的通知 |", "名 称: | 市人民政府办公室关于印发某某方案的通知 |", "", "");
    expect([m.title, m.issuer]).toEqual(["某某方案", "市人民政府办公室"]);
  });
  it("现将《X》印发你们 (给 left out) names the enclosed title (广元 2024, under a 政策解读: page title)", async () => {
    expect(await meta("unseen7b", "guangyuan-2024-anquan-shengchan-zhiben-gongjian")).toEqual({
      title: "广元市安全生产治本攻坚三年行动方案(2024—2026年)", docNumber: null, issuer: "广元市安全生产委员会",
      issuedDate: "2024-03-07", publishedDate: null, city: "广元市",
    });
  });
  it("a notice enclosing several documents with no headline printed has no title (湖州 2020)", async () => {
    expect(await meta("unseen7b", "huzhou-2020-zhengfu-gongzuo-baogao-zhongdian-gongzuo-fenjie")).toEqual({
      title: null, docNumber: null, issuer: "湖州市人民政府办公室", issuedDate: "2020-05-22", publishedDate: null, city: "湖州市",
    });
    // with one enclosure the wrapper still names it
    const one = "各区县人民政府:\n《2020年政府工作报告重点工作责任分解》已经市政府同意,现印发给你们,请认真贯彻执行。\n湖州市人民政府办公室\n2020年5月22日";
    expect(extractMetadata(one, one, one, "").title).toBe("2020年政府工作报告重点工作责任分解");
  });
  it("a masthead and its 文号 run into a line name the issuer from the 文号's first character (许昌 2020)", async () => {
    expect(await meta("unseen7b", "xuchang-2020-zhengfu-gongzuo-baogao-zhongdian-renwu-fenjie")).toEqual({
      title: null, docNumber: "许政〔2020〕20号", issuer: "许昌市人民政府", issuedDate: null, publishedDate: null, city: "许昌市",
    });
  });
  it("no headline: the signature after the wrapper, the enclosed 要点's title (新余 2023); an undated copy (魅力文明城市)", async () => {
    expect(await meta("unseen7b", "xinyu-2023-zhengwu-gongkai-gongzuo-yaodian")).toEqual({
      title: "2023年新余市政务公开工作要点", docNumber: null, issuer: "新余市人民政府办公室", issuedDate: "2023-08-07", publishedDate: null, city: "新余市",
    });
    expect(await meta("unseen7b", "meili-wenming-chengshi-chuangjian-xingdong")).toEqual({
      title: "魅力文明城市创建行动方案", docNumber: null, issuer: null, issuedDate: null, publishedDate: null, city: null,
    });
  });
});

describe("round 7a texts, metadata forms (tests/data/unseen7)", () => {
  it("a page title 'X-…门户网站' run on into the headline (湖南 湘政发〔2019〕1号)", async () => {
    const m = await meta("unseen7", "hunan-2019-zhengfu-gongzuo-baogao-bumen-fengong");
    expect([m.title, m.issuer, m.docNumber]).toEqual(["湖南省人民政府关于落实《政府工作报告》重点工作部门分工的意见", "湖南省人民政府", "湘政发〔2019〕1号"]);
  });
  it("the 文号 and the 成文 date on one head line (四川 川办函〔2017〕113号)", async () => {
    const m = await meta("unseen7", "sichuan-2017-xibu-dakaifa-zeren-fengong");
    expect([m.docNumber, m.issuedDate]).toEqual(["川办函〔2017〕113号", "2017-06-02"]);
  });
  it("issuers run together in the headline, told apart by the signature side by side (嵊泗 2021)", async () => {
    const m = await meta("unseen7", "shengsi-2021-xiangcun-zhenxing-renwu-qingdan");
    expect([m.title, m.issuer, m.issuedDate]).toEqual(["2021年嵊泗县乡村振兴任务清单", "中共嵊泗县委办公室", "2021-09-16"]);
  });
});

describe("round 7d full texts, metadata forms (tests/data/unseen7d)", () => {
  it("a signature date run into the enclosed title under the wrapper's signer (河北 冀政办字〔2023〕122号, 企业上市 2023)", async () => {
    expect(await meta("unseen7d", "hebei-2023-gangtie-chuangxin-ruogan-cuoshi")).toEqual({
      title: "河北省支持钢铁行业创新发展的若干措施", docNumber: "冀政办字〔2023〕122号", issuer: "河北省人民政府办公厅",
      issuedDate: "2023-10-07", publishedDate: null, city: null,
    });
    const m = await meta("unseen7d", "hebei-2023-qiye-shangshi-xingdong-fangan");
    expect([m.title, m.issuer, m.issuedDate]).toEqual(["河北省企业上市行动方案", "河北省人民政府办公厅", "2023-02-11"]);
  });
  it("a signature left in the last item, its date run into a page's link line (河北 2023 电子信息 意见)", async () => {
    expect(await meta("unseen7d", "hebei-2023-dianzi-xinxi-chanye-yijian")).toEqual({
      title: null, docNumber: null, issuer: "河北省人民政府办公厅", issuedDate: "2023-09-05", publishedDate: null, city: null,
    });
  });
  it("a run-in date needs a signer named with its place, and no deadline word after the date", () => {
    const wrap = (a: string, b: string) => `各市人民政府:\n现印发给你们。\n${a}\n${b}`;
    const read = (a: string, b: string) => { const t = wrap(a, b); const m = extractMetadata(t, t, t, ""); return [m.issuer, m.issuedDate]; };
    expect(read("河北省人民政府办公厅", "2023年10月7日河北省支持钢铁行业创新发展的若干措施")).toEqual(["河北省人民政府办公厅", "2023-10-07"]);
    expect(read("市财政局", "2023年10月7日某某方案")).toEqual([null, null]); // no place: a unit cell, not a signer
    expect(read("河北省人民政府办公厅", "2023年10月7日前完成")).toEqual([null, null]); // a deadline, not a signature
  });
});

describe("a headline enclosing several documents (reviewed in session 31)", () => {
  it("stays the title when the wrapper sets 《A》《B》 side by side (衢州 衢政办发〔2021〕3号, unseen10b)", async () => {
    const m = await meta("unseen10b", "quzhou-2021-zhengfu-gongzuo-baogao-zeren-fenjie");
    expect([m.title, m.docNumber]).toEqual(["关于印发2021年政府工作报告重点工作责任分解的通知", "衢政办发〔2021〕3号"]);
  });
});

describe("round 7e full texts, metadata forms (tests/data/unseen7e)", () => {
  it("signers run together on one line, the date run into the title, read after the repair splits them (河北 冀工信钢铁〔2023〕84号 钒钛, 碳达峰)", async () => {
    expect(await meta("unseen7e", "hebei-2023-chengde-fantai-ruogan-cuoshi")).toEqual({
      title: "关于支持承德钒钛产业高质量发展的若干措施", docNumber: "冀工信钢铁〔2023〕84号", issuer: "河北省工业和信息化厅",
      issuedDate: "2023-05-11", publishedDate: null, city: null,
    });
    const m = await meta("unseen7e", "hebei-2023-gongye-lingyu-tandafeng-shishi-fangan");
    expect([m.title, m.issuer, m.issuedDate]).toEqual(["河北省工业领域碳达峰实施方案", "河北省工业和信息化厅", "2023-03-22"]);
  });
});

describe("round 8c metadata forms (tests/data/unseen8c)", () => {
  it("a whole text on one line: the wrapper's signature run in between two preamble sentences gives the 成文 date (河北 2023/2024)", async () => {
    expect((await meta("unseen8c", "hebei-2023-xingzheng-zhifa-zhiliang-sannian-xingdong-fangan")).issuedDate).toBe("2023-11-18");
    expect((await meta("unseen8c", "hebei-2024-minsheng-gongcheng-shishi-fangan")).issuedDate).toBe("2023-12-13");
    expect((await meta("unseen8c", "hebei-2024-zhishichanquan-caizheng-shiquan-shishi-fangan")).issuedDate).toBe("2024-02-08");
    // a body without its place, a deadline word after the date, or a date without a sentence end before it: none
    for (const pre of ["某某方案\n现印发给你们。市财政局2023年5月1日为贯彻落实", "某某方案\n现印发给你们。河北省财政厅2023年5月1日前完成",
      "某某方案\n现印发给你们，河北省人民政府办公厅2023年5月1日为贯彻落实"]) {
      expect(extractMetadata(pre, pre, pre, "").issuedDate).toBeNull();
    }
  });
});

describe("round 8b metadata forms (tests/data/unseen8b)", () => {
  it("a column tag of up to 16 characters before the headline is no part of it (滁州 2020 【市政府重点工作及责任分解】)", async () => {
    const m = await meta("unseen8b", "chuzhou-2020-zhongdian-gongzuo-zeren-fenjie");
    expect([m.title, m.issuer]).toEqual(["滁州市人民政府关于2020年市政府重点工作及责任分解的通知", "滁州市人民政府"]);
  });
  it("a page control with 【】 above the title is not its first line (西宁 2017 '国内政策【切换】 国际政策')", async () => {
    expect((await meta("unseen8b", "xining-2017-liutongye-fazhan-shishi-yijian")).title).toBe("加快西宁市流通业发展实施意见");
    // a title set over two lines still joins
    const t = "立山区政府2023年重点工作\n任务分解和责任分工方案\n一、总体要求";
    expect(extractMetadata(t, t, t, "").title).toBe("立山区政府2023年重点工作任务分解和责任分工方案");
  });
});

describe("round 8 metadata forms (tests/data/unseen8)", () => {
  it("a portal block's 发文序号 field holds the 文号, a space before 号 read over (大兴 京兴政办发〔2023〕1号)", async () => {
    expect((await meta("unseen8", "daxing-2023-zhengfu-gongzuo-baogao-fengong")).docNumber).toBe("京兴政办发〔2023〕1号");
    const t = "• 发文序号:京兴政办发〔2023〕1 号\n某某方案";
    expect(extractMetadata(t, t, "", "").docNumber).toBe("京兴政办发〔2023〕1号");
  });
});

describe("round 8/8b metadata forms, second pass (tests/data/unseen8, unseen8b)", () => {
  it("a labelled issuer written short, with no place, is the signer named in full (大兴 2023 发文单位 '区政府办')", async () => {
    const m = await meta("unseen8", "daxing-2023-zhengfu-gongzuo-baogao-fengong");
    expect([m.issuer, m.issuedDate]).toEqual(["北京市大兴区人民政府办公室", "2023-03-03"]);
    // no signer: the place is added as before (郧阳 2023 发文单位 '区人民政府办公室')
    expect((await meta("unseen6b", "yunyang-2023-zhengfu-gongzuo-mubiao-fenjie")).issuer).toBe("郧阳区人民政府办公室");
    // a signer whose name does not hold the short form in order is another body: the label stands
    const t = "发文单位:区财政局\n某某方案\n一、总体要求";
    expect(extractMetadata(t, t, t, "北京市大兴区人民政府办公室\n2023年3月3日").issuer).toBe("区财政局");
  });
  it("a bracketed date alone under the headline is the 成文日期, not a draft's (深圳 2006; 杭州 2015 征求意见稿)", async () => {
    expect((await meta("unseen8", "shenzhen-2006-jiuye-zaijiuye-yijian")).issuedDate).toBe("2006-05-15");
    expect((await meta("unseen", "hangzhou-2015-hulianwangjia")).issuedDate).toBeNull();
  });
  it("a notice run together: 附件:X, the signature and date, then X again give title and date (常熟 2018)", async () => {
    const m = await meta("unseen8b", "changshu-2018-zhengfu-gongzuo-renwu-fenjie");
    expect([m.title, m.issuer, m.issuedDate]).toEqual(["常熟市2018年政府工作任务分解表", "常熟市人民政府办公室", "2018-02-24"]);
    // the name not printed again after the date: no such run
    const t = "请认真组织实施.附件:某某任务分解表常熟市人民政府办公室2018年2月24日序号名称";
    expect(extractMetadata(t, t, t, "").title).toBeNull();
  });
  it("a headline whose wrapper encloses several 《》 stays the title (嘉兴 2023)", async () => {
    expect((await meta("unseen8b", "jiaxing-2023-zhengfu-gongzuo-baogao-zeren-fenjie")).title).toBe(
      "嘉兴市人民政府办公室关于印发2023年政府工作报告重点工作和市政府民生实事项目责任分解的通知");
  });
  it("a document-sharing page headed by the file's name: the name without .pdf (北京 2021 '大气污染防治2021年行动计划.pdf')", async () => {
    expect((await meta("unseen8", "beijing-2021-daqi-wuran-fangzhi-xingdong-jihua")).title).toBe("大气污染防治2021年行动计划");
    const t = "某某工作说明.pdf\n一、总体要求";
    expect(extractMetadata(t, t, t, "").title).toBeNull();
  });
  it("the title printed right above a task table's header, not a portal's 名称 cell (谯城 2023)", async () => {
    expect((await meta("unseen8b", "qiaocheng-2023-keji-zhongdian-renwu-fenjie")).title).toBe("谯城区2023年政府工作报告重点工作任务分解表");
    const t = "名称: 某某工作的任务分解\n某某区2023年重点工作任务分解表\n序号 重点工作任务 责任单位\n1 做好某事。 区财政局";
    expect(extractMetadata(t, t, t, "").title).toBe("某某区2023年重点工作任务分解表");
  });
});
