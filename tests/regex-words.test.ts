// Word lists from extract/data go into regular expressions literally (extract/regex.ts).
import { describe, expect, it } from "vitest";
import { escapeRegExp, literalAlternation } from "../extract/regex.ts";

describe("curated words inside regular expressions", () => {
  it("a word holding ( ) . | matches itself only", () => {
    const re = new RegExp(`^(?:${literalAlternation(["县(区)政府", "市.局", "甲|乙"])})$`);
    expect(re.test("县(区)政府")).toBe(true);
    expect(re.test("县区政府")).toBe(false);
    expect(re.test("市财局")).toBe(false);
    expect(re.test("市.局")).toBe(true);
    expect(re.test("甲")).toBe(false);
    expect(re.test("甲|乙")).toBe(true);
  });
  it("plain Chinese words are unchanged, so the patterns built from today's lists are the same", () => {
    expect(literalAlternation(["负责", "牵头"])).toBe("负责|牵头");
    expect(escapeRegExp("（区）")).toBe("（区）");
  });
});
