// The CLI as a user runs it: a real process, a real data directory.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PolicyDocument } from "../extract/schema.ts";
import { CORPUS, FIXTURES, ROOT, listDir } from "./helpers/paths.ts";

let dataDir: string;
beforeAll(() => { dataDir = mkdtempSync(join(tmpdir(), "policy-cli-")); });
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function cli(args: string[], viaNpm = false) {
  const [cmd, argv] = viaNpm ? ["npm", ["run", "--silent", "cli", "--", ...args]] : [join(ROOT, "node_modules/.bin/tsx"), [join(ROOT, "src/cli/main.ts"), ...args]];
  return spawnSync(cmd, argv, { cwd: ROOT, encoding: "utf8", env: { ...process.env, DATA_DIR: join(dataDir, "data") } });
}

describe("cli", () => {
  it("extract --json prints exactly one contract object", () => {
    const r = cli(["extract", "corpus/mianyang-2022-jinrong-shitiao.txt", "--json"], true);
    expect(r.status).toBe(0);
    const doc = PolicyDocument.parse(JSON.parse(r.stdout));
    expect(Object.keys(JSON.parse(r.stdout))).toEqual(["id", "source", "format", "title", "docNumber", "issuer", "region", "issuedDate", "publishedDate", "measures"]);
    expect(doc.source).toBe("corpus/mianyang-2022-jinrong-shitiao.txt");
    expect(doc.measures.length).toBe(29);
    expect(Object.keys(doc.measures[0])).toEqual(["id", "path", "title", "text", "units", "deadlines", "targets"]);
    expect(doc.measures[0].id).toBe(`${doc.id}:一/1`);
  });

  it("extract reads every fixture format", () => {
    for (const f of listDir(FIXTURES).filter((x) => /\.(pdf|doc)$/.test(x))) {
      const r = cli(["extract", join(FIXTURES, f), "--json"]);
      expect(r.status, f).toBe(0);
      expect(PolicyDocument.parse(JSON.parse(r.stdout)).measures.length).toBeGreaterThan(10);
    }
  });

  it("extract of a bad file: non-zero exit and one line naming the file", () => {
    const bad = join(dataDir, "空文件.txt");
    writeFileSync(bad, "");
    const r = cli(["extract", bad, "--json"]);
    expect(r.status).not.toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n").length).toBe(1);
    expect(r.stderr).toContain("空文件.txt");
    expect(r.stderr).toContain("文件为空");
    expect(cli(["extract", join(dataDir, "nope.pdf")]).stderr).toContain("不存在");
  });

  it("ingest a folder, then again; list shows the documents", () => {
    const r1 = cli(["ingest", CORPUS]);
    expect(r1.status).toBe(0);
    expect(r1.stdout).toContain("新增 5 个");
    const r2 = cli(["ingest", CORPUS, join(FIXTURES, listDir(FIXTURES).find((f) => f.endsWith(".pdf"))!)]);
    expect(r2.stdout).toMatch(/新增 0 个.*未变 5 个，重复 1 个/);
    const list = cli(["list"]);
    expect(list.stdout.trim().split("\n").length).toBe(5);
    expect(list.stdout).toContain("平阳县金融支持科技创新和中小微企业发展行动实施方案");
    const json = JSON.parse(cli(["list", "--json"]).stdout);
    expect(json.length).toBe(5);
  });

  it("ingest reports refusals and exits non-zero", () => {
    const bad = join(dataDir, "bad.pdf");
    writeFileSync(bad, "garbage");
    const r = cli(["ingest", bad]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("拒绝 1 个");
    expect(r.stdout).toContain("bad.pdf");
  });

  it("table and duties write their files", () => {
    const md = cli(["table", "corpus/mianyang-2022-jinrong-shitiao.txt", "--format", "md", "-o", "-"]);
    expect(md.status, md.stderr).toBe(0);
    expect(md.stdout).toContain("| 序号 | 重点任务 | 具体内容 | 牵头单位 | 配合单位 | 完成时限 |");
    expect(md.stdout).toMatch(/\| 28 \| [^|]+ \| [^|]+ \| 市金融工作局 \| 人行绵阳市中心支行、绵阳银保监分局 \|.*\| 五\/28 \|$/m);
    const out = join(dataDir, "duty.csv");
    const duty = cli(["duties", "金融工作局", "--format", "csv", "--as-of", "2022-03-20", "-o", out]);
    expect(duty.status, duty.stderr).toBe(0);
    const csv = readFileSync(out);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString("utf8")).toContain("已逾期");
    expect(cli(["duties", "不存在的单位", "--format", "csv", "-o", out]).stderr).toContain("没有找到单位");
    expect(cli(["table", "0123456789abcdef"]).stderr).toContain("库中没有文件");
    expect(cli(["table", "corpus/mianyang-2022-jinrong-shitiao.txt", "--format", "pptx"]).stderr).toContain("不支持的导出格式");
  });

  it("similar and compare", () => {
    const doc = JSON.parse(cli(["extract", "corpus/mianyang-2022-jinrong-shitiao.txt", "--json"]).stdout);
    const id = `${doc.id}:二/(四)/10`;
    const sim = cli(["similar", id, "--json"]);
    expect(sim.status, sim.stderr).toBe(0);
    const r = JSON.parse(sim.stdout);
    expect(r.similar.length).toBeGreaterThan(0);
    expect(cli(["similar", id]).stdout).toContain("相似措施");
    const cmp = cli(["compare", "不良贷款容忍度"]);
    expect(cmp.status, cmp.stderr).toBe(0);
    expect(cmp.stdout).toMatch(/【四川省绵阳市】[\s\S]*3%/);
    expect(cmp.stdout).toContain("未量化");
    expect(cli(["similar", "0123456789abcdef:一"]).stderr).toContain("库中没有措施");
    expect(cli(["compare"]).status).toBe(2);
  });

  it("unknown commands get usage", () => {
    const r = cli(["frobnicate"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("未知命令");
    expect(r.stderr).toContain("用法："); // full-width colon, as every Chinese message
    expect(r.stderr).not.toMatch(/[\u4e00-\u9fff]: /);
  });

  it("help and -h print the usage; a wrong option is named in Chinese, not in node's English", () => {
    for (const h of ["help", "-h"]) {
      const r = cli([h]);
      expect(r.status, h).toBe(0);
      expect(r.stdout + r.stderr, h).toContain("用法：");
    }
    const unknown = cli(["list", "--limit", "5"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^未知的选项：--limit（list 命令的选项见下面的用法）\n用法：/);
    const missing = cli(["duties", "市财政局", "--format"]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^选项 --format 缺少取值/);
    const set = cli(["set", "攀办发〔2016〕22号", "--foo", "x"]);
    expect(set.status).toBe(2);
    expect(set.stderr).toMatch(/^未知的选项：--foo/);
    for (const r of [unknown, missing, set]) expect(r.stderr).not.toMatch(/Unknown|argument|Unexpected/);
  }, 150_000); // five processes (tsx) on a loaded machine
});

describe("cli output into a closed pipe", () => {
  it("a reader that stops early (`extract … | head`) ends the command quietly, no EPIPE trace", async () => {
    // The read end is closed before the CLI writes a line, so every write meets a closed pipe.
    const child = spawn(join(ROOT, "node_modules/.bin/tsx"), [join(ROOT, "src/cli/main.ts"), "extract", "corpus/mianyang-2022-jinrong-shitiao.txt"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (b: Buffer) => { stderr += b.toString("utf8"); });
    const code = await new Promise<number | null>((done) => child.on("close", (c) => done(c)));
    expect(stderr).not.toMatch(/EPIPE|Unhandled/);
    expect(code).toBe(0);
  }, 60_000);
});
