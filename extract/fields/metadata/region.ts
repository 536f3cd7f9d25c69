// The document's region: its issuer, title, 文号 and page source, else the body's own references; a joint issue's most specific co-signer.
import type { Region } from "../../schema.ts";
import { regionFromBody, regionFromDocNumber, resolveRegion } from "../regions.ts";
import ABBR from "../../data/province-abbreviations.json" with { type: "json" };
import { NATIONAL, field, squash } from "./common.ts";
import { coSigners } from "./issuer.ts";

export function readRegion(issuer: string | null, title: string | null, headline: string | null, docNumber: string | null,
  rawHead: string, repaired: string, closingLines: string[], preamble: string): Region {
  // the page's "来源:华容县政府" (or "信息来源: 丽水市政府") comes last: the publisher, when nothing of the document names a place
  let region = NATIONAL.test(issuer ?? "") ? resolveRegion([]) : resolveRegion([issuer, title, headline, docNumberPlace(docNumber), field(rawHead, "来源") ?? field(rawHead, "信息来源")]);
  // No place in the head: the body's own references (全省 … 山东, 全市 … 济南).
  if (!region.province && !region.city && !NATIONAL.test(issuer ?? "")) {
    region = regionFromDocNumber(docNumber, repaired);
    if (!region.province) region = regionFromBody(repaired);
  }
  // Joint issue across levels ("上海市科学技术委员会" and "上海市杨浦区人民政府" sign): the plan is the most specific
  // co-signer's, where that place lies inside the first signer's.
  for (const other of coSigners(closingLines) ?? coSigners(preamble.split("\n").map(squash)) ?? []) {
    const r = resolveRegion([other]);
    const inside = r.province === region.province && (!region.city || r.city === region.city) && (!region.county || r.county === region.county);
    if (region.province && inside && rank(r) > rank(region)) region = r;
  }
  return region;
}

/** "市政府办公室" → "绵阳市政府办公室": an issuer named by its level alone takes the region's place. */
export function placedIssuer(issuer: string | null, region: Region): string | null {
  // "省政府办公厅" (浙江 2020, named so in a news lead) → 浙江省政府办公厅
  if (issuer && /^省(?:政府|人民政府|委)/.test(issuer) && region.province) return region.province + issuer.slice(1);
  if (issuer && /^[市县区]/.test(issuer)) {
    const place = issuer[0] === "市" ? region.city : region.county ?? region.city;
    if (place) issuer = place + issuer.slice(1);
  }
  return issuer;
}

function rank(r: Region): number {
  return r.county ? 3 : r.city && r.city !== r.province ? 2 : r.province ? 1 : 0;
}

function docNumberPlace(docNumber: string | null): string | null {
  if (!docNumber) return null;
  // Municipalities' abbreviations stand alone (沪科合); a province's only before 政 (晋政办发, not 苏府 of 苏州).
  const m = /^(.)(政)?/.exec(docNumber)!;
  const place = (ABBR as Record<string, string>)[m[1]];
  return place && (m[2] || /^(北京|天津|上海|重庆)市$/.test(place)) ? place : null;
}
