// The seeds' places and compact unit output for the unit tests (tests/units*.test.ts, tests/unit-names.test.ts).
import type { Region } from "../../extract/schema.ts";
import { extractUnits, type UnitContext } from "../../extract/fields/units.ts";

export const MIANYANG: Region = { province: "四川省", city: "绵阳市", county: null };
export const PANZHIHUA: Region = { province: "四川省", city: "攀枝花市", county: null };
export const SHANXI: Region = { province: "山西省", city: null, county: null };
export const PINGYANG: Region = { province: "浙江省", city: "温州市", county: "平阳县" };

export const ctx = (region: Region, extra: Partial<UnitContext> = {}): UnitContext => ({ region, leadFirst: false, ...extra });
/** "role:name" pairs, in output order. */
export const pairs = (text: string, c: UnitContext) => extractUnits(text, c).map((u) => `${u.role}:${u.name}`);
/** "role:name:canonical" triples, in output order. */
export const triples = (text: string, c: UnitContext) => extractUnits(text, c).map((u) => `${u.role}:${u.name}:${u.canonical}`);
