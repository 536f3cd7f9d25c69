// 政策知识服务 web page: hash-routed views over the JSON API. No build step.
const view = document.getElementById("view");
const qInput = document.getElementById("q");

const ROLE = { lead: "牵头", coop: "配合", responsible: "责任" };
const FILTERS = ["province", "city", "county", "doc", "unit", "role", "from", "to"];

const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
const enc = encodeURIComponent;

// Each route change gets a number; an answer that arrives for an earlier route is dropped (its render
// never resumes), so a slow answer cannot overwrite the page the user has moved on to.
let routeNo = 0;
const STALE = new Promise(() => {});

async function api(path) {
  const no = routeNo;
  const r = await fetch(path, { headers: { accept: "application/json" } });
  const body = await r.json().catch(() => ({ error: `服务返回了无法解析的内容（${r.status}）` }));
  if (no !== routeNo) return STALE;
  if (!r.ok) throw new Error(body.error || `请求失败（${r.status}）`);
  return body;
}

function place(region) {
  return [region?.province, region?.city, region?.county].filter(Boolean).join(" ") || "全国";
}

function unitBadges(units) {
  return units
    .map((u) => `<a class="badge ${u.role}" href="#/unit/${enc(u.canonical || u.name)}" title="${ROLE[u.role]}单位：${esc(u.canonical || u.name)}">${ROLE[u.role]}：${esc(u.name)}</a>`)
    .join("");
}

function chips(m) {
  const d = m.deadlines.map((x) => `<span class="chip deadline" title="完成时限">${esc(x.text)}</span>`);
  const t = m.targets.map((x) => `<span class="chip target" title="${esc(x.metric || "量化目标")}">${esc(x.text)}</span>`);
  return [...d, ...t].join("");
}

function setView(html) {
  view.innerHTML = html;
}

function showError(e) {
  setView(`<p class="error" role="alert">${esc(e.message || e)}</p>`);
}

// ------------------------------------------------------------------ search

function currentParams() {
  const hash = location.hash.replace(/^#\/?/, "");
  const [, query = ""] = hash.split("?");
  return new URLSearchParams(query);
}

function go(params) {
  const clean = new URLSearchParams();
  for (const [k, v] of params) if (v !== "" && v != null) clean.set(k, v);
  location.hash = `#/search?${clean}`;
}

document.getElementById("search-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const p = currentParams();
  p.set("q", qInput.value.trim());
  p.delete("offset");
  go(p);
});

document.addEventListener("keydown", (e) => {
  if (e.key === "/" && document.activeElement !== qInput && !/INPUT|SELECT|TEXTAREA/.test(document.activeElement?.tagName)) {
    e.preventDefault();
    qInput.focus();
    qInput.select();
  }
});

function facetList(name, values, labelOf = (v) => v.label || v.value) {
  if (!values?.length) return "";
  return `<ul class="facet" aria-label="${name}">${values
    .slice(0, 12)
    .map((v) => `<li><button type="button" data-facet="${name}" data-value="${esc(v.value)}">${esc(labelOf(v))}</button><span class="n">${v.count}</span></li>`)
    .join("")}</ul>`;
}

async function renderSearch() {
  const p = currentParams();
  qInput.value = p.get("q") || "";
  const limit = 20;
  const offset = Number(p.get("offset") || 0);
  const query = new URLSearchParams(p);
  query.set("limit", String(limit));
  let res;
  try {
    res = await api(`/api/search?${query}`);
  } catch (e) {
    return showError(e);
  }
  const f = res.facets;
  const active = FILTERS.filter((k) => p.get(k)).map((k) => `<button type="button" class="secondary" data-clear="${k}" aria-label="取消筛选 ${k}">${esc(k === "doc" ? (f.document.find((d) => d.value === p.get(k))?.label || "指定文件") : p.get(k))} ✕</button>`);
  const cards = res.hits
    .map((h, i) => {
      const m = h.measure;
      return `<article class="card" aria-labelledby="hit-${i}">
        <h3 id="hit-${i}"><a href="#/measure/${enc(m.id)}">${h.highlight.title || esc(m.title || m.path)}</a></h3>
        <div class="meta">${esc(place(h.document.region))} · <a href="#/doc/${h.document.id}">${esc(h.document.title || "未命名文件")}</a> · ${esc(m.path)}${h.document.date ? ` · ${h.document.date}` : ""}</div>
        <div class="badges">${unitBadges(m.units) || '<span class="meta">未明确责任单位</span>'}</div>
        <p class="snippet">${h.highlight.text}</p>
        <div class="badges">${chips(m)}</div>
      </article>`;
    })
    .join("");
  const pager = res.total > limit
    ? `<nav class="pager" aria-label="分页"><button type="button" data-page="${offset - limit}" ${offset === 0 ? "disabled" : ""}>上一页</button><span>${offset + 1}–${Math.min(offset + limit, res.total)} / ${res.total}</span><button type="button" data-page="${offset + limit}" ${offset + limit >= res.total ? "disabled" : ""}>下一页</button></nav>`
    : "";
  setView(`<div class="layout">
    <aside class="filters" aria-label="筛选">
      <h2>筛选</h2>
      ${active.length ? `<div class="badges">${active.join("")}</div>` : ""}
      <label for="f-unit">单位（任意简称）</label><input id="f-unit" value="${esc(p.get("unit") || "")}" placeholder="如：发改委、人行">
      <label for="f-role">角色</label><select id="f-role"><option value="">全部</option>${Object.entries(ROLE).map(([k, v]) => `<option value="${k}" ${p.get("role") === k ? "selected" : ""}>${v}</option>`).join("")}</select>
      <label for="f-from">文件日期自</label><input id="f-from" type="date" value="${esc(p.get("from") || "")}">
      <label for="f-to">至</label><input id="f-to" type="date" value="${esc(p.get("to") || "")}">
      <p><button type="button" id="apply">应用筛选</button></p>
      <h2>地区</h2>${facetList("province", f.province)}${facetList("city", f.city)}${facetList("county", f.county)}
      <h2>年份</h2>${facetList("year", f.year)}
      <h2>文件</h2>${facetList("doc", f.document)}
      <h2>牵头单位</h2>${facetList("leadUnit", f.leadUnit)}
    </aside>
    <section aria-label="检索结果">
      <p class="summary">${res.query.q ? `“${esc(res.query.q)}”` : "全部措施"}：共 ${res.total} 条${res.tokens?.length ? `（分词：${res.tokens.map(esc).join(" / ")}）` : ""}，用时 ${res.tookMs.toFixed(1)} 毫秒</p>
      ${cards || '<p class="empty">没有找到匹配的措施。可以换个说法，或减少筛选条件。</p>'}
      ${pager}
    </section>
  </div>`);
  view.querySelectorAll("[data-facet]").forEach((b) =>
    b.addEventListener("click", () => {
      const key = b.dataset.facet;
      const value = b.dataset.value;
      if (key === "year") { p.set("from", `${value}-01-01`); p.set("to", `${value}-12-31`); }
      else if (key === "leadUnit") { p.set("unit", value); p.set("role", "lead"); }
      else p.set(key, value);
      p.delete("offset");
      go(p);
    }),
  );
  view.querySelectorAll("[data-clear]").forEach((b) => b.addEventListener("click", () => { p.delete(b.dataset.clear); if (b.dataset.clear === "unit") p.delete("role"); go(p); }));
  view.querySelectorAll("[data-page]").forEach((b) => b.addEventListener("click", () => { p.set("offset", b.dataset.page); go(p); }));
  const apply = () => {
    for (const k of ["unit", "role", "from", "to"]) p.set(k, document.getElementById(`f-${k}`).value.trim());
    p.delete("offset");
    go(p);
  };
  document.getElementById("apply").addEventListener("click", apply);
  document.getElementById("f-unit").addEventListener("keydown", (e) => e.key === "Enter" && apply());
}

// ------------------------------------------------------------------ measure

async function renderMeasure(id) {
  let d;
  try {
    d = await api(`/api/measures/${enc(id)}`);
  } catch (e) {
    return showError(e);
  }
  const m = d.measure;
  const crumbs = d.context.filter((c) => c.path !== m.path).map((c) => `<span>${esc(c.path.split("/").pop())} ${esc(c.heading)}</span>`).join("");
  const unitRows = m.units.map((u) => `<tr><td>${ROLE[u.role]}</td><td><a href="#/unit/${enc(u.canonical)}">${esc(u.name)}</a></td><td>${esc(u.canonical)}</td></tr>`).join("");
  const dl = m.deadlines.map((x) => `<tr><td>${esc(x.text)}</td><td>${{ date: "日期", period: "期间", recurring: "周期", ongoing: "持续" }[x.kind]}</td><td>${esc(x.start || "")}${x.start ? " 至 " : ""}${esc(x.end || x.recurrence || "")}</td></tr>`).join("");
  const tg = m.targets.map((x) => `<tr><td>${esc(x.metric || "")}</td><td>${esc(x.text)}</td><td>${esc(x.comparator)} ${x.min ?? ""}${x.max != null && x.max !== x.min ? `～${x.max}` : ""} ${esc(x.unit)}</td></tr>`).join("");
  setView(`<div class="crumbs"><span><a href="#/doc/${d.document.id}">${esc(d.document.title || "文件")}</a></span>${crumbs}</div>
    <h1>${esc(m.path)} ${esc(m.title || "")}</h1>
    <p class="meta">${esc(place(d.document.region))} · ${esc(d.document.issuer || "")} ${esc(d.document.docNumber || "")} ${esc(d.document.date || "")}</p>
    <div class="badges">${unitBadges(m.units)}</div>
    <h2>全文</h2><div class="fulltext">${esc(m.text)}</div>
    <h2>责任单位</h2>${unitRows ? `<table class="grid"><tr><th>角色</th><th>原文写法</th><th>规范名称</th></tr>${unitRows}</table>` : '<p class="empty">原文未明确责任单位。</p>'}
    <h2>完成时限</h2>${dl ? `<table class="grid"><tr><th>原文</th><th>类型</th><th>日期</th></tr>${dl}</table>` : '<p class="empty">原文未写明时限。</p>'}
    <h2>量化目标</h2>${tg ? `<table class="grid"><tr><th>指标</th><th>原文</th><th>数值</th></tr>${tg}</table>` : '<p class="empty">原文没有量化目标。</p>'}
    <p class="downloads"><a class="btn" href="#/compare?measure=${enc(m.id)}">对比其他地方的做法</a><a class="btn secondary" href="#/doc/${d.document.id}">查看所在文件的全部措施</a></p>
    <h2>其他文件中的相似措施</h2><div id="similar"><p class="meta">加载中…</p></div>`);
  api(`/api/measures/${enc(id)}/similar?limit=8`).then((r) => {
    const item = (h) => `<li><a href="#/measure/${enc(h.measure.id)}">${esc(h.measure.title || h.measure.path)}</a> <span class="meta">${esc(place(h.document.region))} · ${esc(h.document.title || "")} · 共同词：${h.sharedTerms.slice(0, 6).map(esc).join("、")}</span></li>`;
    const el = document.getElementById("similar");
    if (!el) return;
    el.innerHTML = (r.similar.length ? `<ul>${r.similar.map(item).join("")}</ul>` : '<p class="empty">其他文件中没有相似措施。</p>') + (r.copies.length ? `<h3>近乎照抄的措施</h3><ul>${r.copies.map(item).join("")}</ul>` : "");
  }).catch((e) => { const el = document.getElementById("similar"); if (el) el.innerHTML = `<p class="error">${esc(e.message)}</p>`; });
  view.querySelector("h1")?.setAttribute("tabindex", "-1");
  view.querySelector("h1")?.focus();
}

// ------------------------------------------------------------------ documents

async function renderDocs() {
  let d;
  try {
    d = await api("/api/documents?limit=1000");
  } catch (e) {
    return showError(e);
  }
  const rows = d.documents.map((x) => `<tr><td><a href="#/doc/${x.id}">${esc(x.title || x.source)}</a></td><td>${esc(x.docNumber || "")}</td><td>${esc(x.issuer || "")}</td><td>${esc(place(x.region))}</td><td>${esc(x.issuedDate || x.publishedDate || "")}</td><td>${x.measureCount}</td></tr>`).join("");
  setView(`<h1>文件（${d.total}）</h1><table class="grid"><tr><th>标题</th><th>文号</th><th>发布机构</th><th>地区</th><th>日期</th><th>措施</th></tr>${rows}</table>`);
}

async function renderDoc(id) {
  let d;
  try {
    d = await api(`/api/documents/${enc(id)}`);
  } catch (e) {
    return showError(e);
  }
  const byPath = new Map(d.measures.map((m) => [m.path, m]));
  const items = d.parts.outline
    .map((o) => {
      const m = byPath.get(o.path);
      const pad = `style="padding-left:${o.depth * 18}px"`;
      if (!m) return `<li class="group" ${pad}>${esc(o.path.split("/").pop())} ${esc(o.heading)}</li>`;
      const lead = m.units.filter((u) => u.role === "lead").map((u) => u.name).join("、");
      return `<li ${pad}><a href="#/measure/${enc(m.id)}">${esc(o.path.split("/").pop())} ${esc(m.title || o.heading)}</a>${lead ? ` <span class="badge lead">牵头：${esc(lead)}</span>` : ""}</li>`;
    })
    .join("");
  setView(`<h1>${esc(d.title || d.source)}</h1>
    <p class="meta">${esc(d.docNumber || "无文号")} · ${esc(d.issuer || "")} · ${esc(place(d.region))} · 成文 ${esc(d.issuedDate || "不详")} · 发布 ${esc(d.publishedDate || "不详")} · ${d.measureCount} 条措施</p>
    <div class="downloads" aria-label="下载任务分工表">${["xlsx", "docx", "csv", "md"].map((f) => `<a class="btn secondary" href="/api/documents/${d.id}/assignments?format=${f}" download>任务分工表 ${f.toUpperCase()}</a>`).join("")}</div>
    <p><a href="#/search?doc=${d.id}">在本文件中检索</a></p>
    <ul class="outline">${items}</ul>`);
}

// ------------------------------------------------------------------ units

async function renderUnits() {
  const q = currentParams().get("q") || "";
  let d;
  try {
    d = await api(`/api/units?limit=200&q=${enc(q)}`);
  } catch (e) {
    return showError(e);
  }
  const rows = d.units.map((u) => `<tr><td><a href="#/unit/${enc(u.name)}">${esc(u.name)}</a></td><td>${u.lead}</td><td>${u.coop}</td><td>${u.responsible}</td><td>${esc(u.names.join("、"))}</td></tr>`).join("");
  setView(`<h1>单位</h1>
    <form id="unit-form" class="search" style="max-width:420px"><label class="sr-only" for="uq">查找单位</label><input id="uq" value="${esc(q)}" placeholder="任意简称，如：发改委、人行、金融办"><button>查找</button></form>
    <table class="grid" style="margin-top:12px"><tr><th>单位</th><th>牵头</th><th>配合</th><th>责任</th><th>原文写法</th></tr>${rows}</table>`);
  document.getElementById("unit-form").addEventListener("submit", (e) => {
    e.preventDefault();
    location.hash = `#/units?q=${enc(document.getElementById("uq").value.trim())}`;
  });
}

async function renderUnit(name) {
  let d;
  try {
    d = await api(`/api/units/${enc(name)}`);
  } catch (e) {
    return showError(e);
  }
  const u = d.units.length === 1 ? d.units[0] : null;
  const title = u ? u.name : d.query;
  const sum = (k) => d.units.reduce((n, x) => n + x[k], 0);
  const others = d.units.length > 1 ? `<p class="meta">包括：${d.units.map((x) => `<a href="#/unit/${enc(x.name)}">${esc(x.name)}</a>`).join("、")}</p>` : "";
  const groups = d.documents
    .map((g) => `<h2><a href="#/doc/${g.document.id}">${esc(g.document.title || "文件")}</a> <span class="meta">${esc(place(g.document.region))} ${esc(g.document.date || "")}</span></h2>
      <table class="grid"><tr><th>措施</th><th>角色</th><th>完成时限</th></tr>${g.measures
        .map((m) => `<tr><td><a href="#/measure/${enc(m.id)}">${esc(m.path)} ${esc(m.title || "")}</a></td><td>${m.roles.map((r) => `<span class="badge ${r}">${ROLE[r]}</span>`).join(" ")}</td><td>${m.deadlines.map((x) => esc(x.text)).join("；") || "未明确"}</td></tr>`)
        .join("")}</table>`)
    .join("");
  setView(`<h1>${esc(title)}${u ? "" : `<span class="meta">（匹配 ${d.units.length} 个单位）</span>`}</h1>
    <p class="meta">牵头 ${sum("lead")} 项 · 配合 ${sum("coop")} 项 · 责任 ${sum("responsible")} 项${u ? ` · 原文写法：${esc(u.names.join("、"))}` : ""}</p>
    ${others}
    <div class="downloads" aria-label="下载责任清单">${["xlsx", "docx", "csv", "md", "ics"].map((f) => `<a class="btn secondary" href="/api/units/${enc(title)}/duties?format=${f}" download>责任清单 ${f.toUpperCase()}</a>`).join("")}</div>
    <p><a href="#/search?unit=${enc(title)}">检索该单位的措施</a></p>${groups}`);
}

// ------------------------------------------------------------------ comparison across places

function comparisonTable(t) {
  if (!t.rows.length) return '<p class="empty">没有找到可对比的措施。</p>';
  const head = `<tr><th>地方</th><th>措施</th><th>牵头单位</th><th>完成时限</th>${t.columns.map((c) => `<th>${esc(c.label)}</th>`).join("")}</tr>`;
  const rows = t.rows.map((r) => `<tr>
      <td><b>${esc(r.place.name)}</b><div class="meta">${esc(r.document.title || "")}</div></td>
      <td><a href="#/measure/${enc(r.measure.id)}">${esc(r.measure.path)}</a> ${r.titleHtml || ""}<div class="snippet">${r.html}</div>${r.others.length ? `<div class="meta">另有：${r.others.map((o) => `<a href="#/measure/${enc(o.measure.id)}">${esc(o.measure.path)}</a>`).join("、")}</div>` : ""}</td>
      <td>${r.leadUnits.map(esc).join("、") || "未明确"}</td>
      <td>${r.deadlines.map((x) => esc(x.text)).join("；") || "未明确"}</td>
      ${t.columns.map((c) => `<td>${esc(r.cells[c.id]?.display ?? "—")}</td>`).join("")}
    </tr>`).join("");
  const missing = t.missingPlaces.length ? `<p class="meta">没有相关措施的地方：${t.missingPlaces.map((p) => esc(p.name)).join("、")}</p>` : "";
  return `<table class="grid compare">${head}${rows}</table>${missing}`;
}

async function renderCompare() {
  const p = currentParams();
  const q = p.get("q") || "";
  const measure = p.get("measure");
  let t;
  try {
    t = await api(measure ? `/api/compare?measure=${enc(measure)}` : `/api/compare?q=${enc(q)}`);
  } catch (e) {
    if (!q && !measure) t = null;
    else return showError(e);
  }
  setView(`<h1>各地做法对比${t ? `：${esc(t.subject.label)}` : ""}</h1>
    <form id="cmp-form" class="search" style="max-width:520px"><label class="sr-only" for="cq">对比主题</label><input id="cq" value="${esc(q)}" placeholder="如：不良贷款容忍度、风险补偿、科技支行"><button>对比</button></form>
    <p><a href="#/topics">浏览全部主题</a></p>
    ${t ? comparisonTable(t) : ""}`);
  document.getElementById("cmp-form").addEventListener("submit", (e) => {
    e.preventDefault();
    location.hash = `#/compare?q=${enc(document.getElementById("cq").value.trim())}`;
  });
}

async function renderTopics() {
  let d;
  try {
    d = await api("/api/topics");
  } catch (e) {
    return showError(e);
  }
  const rows = d.topics.map((t) => `<tr><td><a href="#/topic/${t.id}">${esc(t.name)}</a><div class="meta">${t.terms.slice(0, 6).map(esc).join("、")}</div></td><td>${t.measureCount}</td><td>${t.places.map((x) => `${esc(x.name)}（${x.count}）`).join("、")}</td><td>${t.missingPlaces.map(esc).join("、") || "—"}</td></tr>`).join("");
  setView(`<h1>主题（${d.topics.length}）</h1><p class="meta">主题名称取自措施原文；“没有的地方”同样值得关注。</p>
    <table class="grid"><tr><th>主题</th><th>措施</th><th>有措施的地方</th><th>没有的地方</th></tr>${rows}</table>`);
}

async function renderTopic(id) {
  let d;
  try {
    d = await api(`/api/topics/${enc(id)}`);
  } catch (e) {
    return showError(e);
  }
  setView(`<h1>主题：${esc(d.topic.name)}</h1><p class="meta">${d.topic.terms.map(esc).join("、")}</p>${comparisonTable(d.comparison)}`);
}

// ------------------------------------------------------------------ router

async function route() {
  routeNo++;
  const hash = decodeURIComponent(location.hash.replace(/^#\/?/, "").split("?")[0]);
  const [page, ...rest] = hash.split("/");
  const arg = rest.join("/");
  if (page === "measure" && arg) await renderMeasure(arg);
  else if (page === "doc" && arg) await renderDoc(arg);
  else if (page === "docs") await renderDocs();
  else if (page === "unit" && arg) await renderUnit(arg);
  else if (page === "units") await renderUnits();
  else if (page === "compare") await renderCompare();
  else if (page === "topics") await renderTopics();
  else if (page === "topic" && arg) await renderTopic(arg);
  else await renderSearch();
  document.title = `${view.querySelector("h1")?.textContent || "检索"} - 政策知识服务`;
}

window.addEventListener("hashchange", route);
route();
