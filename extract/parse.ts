// One sentence at a time: what the product reads in a clause (contract: "One sentence at a time").
import { z } from "zod";
import { extractDeadlines } from "./fields/deadlines.ts";
import { extractTargets } from "./fields/targets.ts";
import { extractUnits } from "./fields/units.ts";
import { Deadline, Target, UnitRole, isoDate } from "./schema.ts";

export const ParseRequest = z.object({
  text: z.string().min(1, "text 不能为空").max(20000, "text 过长（上限 20000 字）"),
  base: isoDate.nullable().optional(),
});
export type ParseRequest = z.infer<typeof ParseRequest>;

export const ParseResult = z.object({
  units: z.array(z.object({ role: UnitRole, name: z.string() })),
  deadlines: z.array(Deadline),
  targets: z.array(Target),
});
export type ParseResult = z.infer<typeof ParseResult>;

export function parseSentence(text: string, base: string | null = null): ParseResult {
  const region = { province: null, city: null, county: null };
  return {
    units: extractUnits(text, { region, leadFirst: false }).map(({ role, name }) => ({ role, name })),
    deadlines: extractDeadlines(text, base),
    targets: extractTargets(text),
  };
}
