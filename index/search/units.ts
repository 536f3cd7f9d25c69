// Units: the units named in measures (by alias key) and what one of them leads, cooperates on or answers for.
import { ROLE_BIT, ROLES } from "./roles.ts";
import { FacetIndex } from "./facets.ts";
import type { UnitMeasure, UnitMeasures, UnitSummary } from "./source.ts";

export abstract class UnitIndex extends FacetIndex {

  /** The canonical name most often seen for a unit code (ties: the shorter, then the first in code order). */
  protected unitName(code: number): string {
    let best = "";
    let bestN = -1;
    for (const [name, n] of this.canonOf(code)) {
      if (n > bestN || (n === bestN && (name.length < best.length || (name.length === best.length && name < best)))) {
        best = name;
        bestN = n;
      }
    }
    return best || this.unitKeys[code];
  }

  protected unitSummary(code: number): UnitSummary | null {
    const ids = this.unitIds[code];
    const roles = this.unitRoles[code];
    const s: UnitSummary = { key: this.unitKeys[code], name: this.unitName(code), names: [...this.spellOf(code)], count: 0, lead: 0, coop: 0, responsible: 0 };
    for (let i = 0; i < ids.length; i++) {
      if (!this.isAlive(ids[i])) continue;
      s.count++;
      if (roles[i] & ROLE_BIT.lead) s.lead++;
      if (roles[i] & ROLE_BIT.coop) s.coop++;
      if (roles[i] & ROLE_BIT.responsible) s.responsible++;
    }
    return s.count ? s : null;
  }

  /** The unit codes a unit name stands for (by any alias); the units list widens this to merged twins and synonyms. */
  protected unitCodesFor(name: string): number[] {
    return this.unitCodesMatching(name);
  }

  /** Summaries of the units of some codes (one per code here; one per merged unit in the units list). */
  protected summariesOf(codes: number[]): UnitSummary[] {
    return codes.map((c) => this.unitSummary(c)).filter((u): u is UnitSummary => u !== null);
  }

  /** Units whose name matches `q` by any alias (all units for an empty q), most often named first. */
  unitsMatching(q: string, limit = 50): UnitSummary[] {
    const codes = q.trim() ? this.unitCodesMatching(q.trim()) : this.unitKeys.map((_, c) => c);
    const out: UnitSummary[] = [];
    for (const c of codes) {
      const s = this.unitSummary(c);
      if (s) out.push(s);
    }
    out.sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return out.slice(0, limit);
  }

  /**
   * What a unit (any alias of its name) leads, cooperates on or is responsible for, grouped by document
   * (newest first), measures in document order with their roles and deadlines; at most `limit` measures.
   */
  measuresOfUnit(name: string, limit = 500): UnitMeasures {
    const codes = name.trim() ? this.unitCodesFor(name.trim()) : [];
    const rolesOf = new Map<number, number>();
    for (const c of codes) {
      const ids = this.unitIds[c];
      const roles = this.unitRoles[c];
      for (let i = 0; i < ids.length; i++) if (this.isAlive(ids[i])) rolesOf.set(ids[i], (rolesOf.get(ids[i]) ?? 0) | roles[i]);
    }
    const bySlot = new Map<number, number[]>();
    for (const id of rolesOf.keys()) {
      const s = this.docOf.data[id];
      const list = bySlot.get(s) ?? [];
      list.push(id);
      bySlot.set(s, list);
    }
    const slots = [...bySlot.keys()].sort((a, b) => this.docDate.data[b] - this.docDate.data[a] || a - b);
    const documents: UnitMeasures["documents"] = [];
    let budget = limit;
    for (const s of slots) {
      if (budget <= 0) break;
      const d = this.docs[s];
      // Numbers within a document follow its order.
      const ids = bySlot.get(s)!.sort((a, b) => a - b).slice(0, budget);
      const measures: UnitMeasure[] = [];
      for (const id of ids) {
        const m = this.getMeasure(this.mid.get(id));
        if (!m) continue;
        const bits = rolesOf.get(id)!;
        measures.push({ id: m.id, path: m.path, title: m.title, roles: ROLES.filter((r) => bits & ROLE_BIT[r]), deadlines: m.deadlines });
      }
      budget -= ids.length;
      documents.push({ document: d.ref, measures });
    }
    const units = this.summariesOf(codes);
    units.sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : 1));
    return { query: name, units, total: rolesOf.size, documents };
  }
}
