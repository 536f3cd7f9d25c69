// A unit name carrying a town (七宝镇…, 镇规建办) is as written; a word ending in 镇 that names no town (townWords in
// extract/data/unit-aliases.json: 小镇, 村镇, 城镇 …) does not make a name placed: 特色小镇…办公室 is the city's.
import { describe, expect, it } from "vitest";
import { canonicalUnit } from "../extract/fields/unit-canonical.ts";
import type { Region } from "../extract/schema.ts";

const MIANYANG: Region = { province: "四川省", city: "绵阳市", county: null };

describe("镇 in unit names", () => {
  it("keeps a town's names as written", () => {
    expect(canonicalUnit("七宝镇规划建设和环境保护办公室", MIANYANG)).toBe("七宝镇规划建设和环境保护办公室");
    expect(canonicalUnit("镇规建办", MIANYANG)).toBe("镇规建办");
  });
  it("qualifies a body whose 镇 belongs to a word naming no town", () => {
    expect(canonicalUnit("特色小镇培育工作联席会议办公室", MIANYANG)).toBe("绵阳市特色小镇培育工作联席会议办公室");
    expect(canonicalUnit("村镇建设办公室", MIANYANG)).toBe("绵阳市村镇建设办公室");
  });
});
