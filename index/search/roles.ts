// The roles a unit takes in a measure: bits in the unit postings and role bitsets, and their labels.
import type { UnitRole } from "./source.ts";

export const ROLE_BIT: Record<UnitRole, number> = { lead: 1, coop: 2, responsible: 4 };
export const ROLES: UnitRole[] = ["lead", "coop", "responsible"];
export const ROLE_LABEL: Record<UnitRole, string> = { lead: "牵头", coop: "配合", responsible: "责任" };
/** Index of the lead role (牵头) in ROLES and roleBits. */
export const LEAD = 0;
