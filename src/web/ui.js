// Interaction helpers shared by the views: toolbars with arrow keys, download buttons, the editor's sign-in.
import { api, download, getToken, setToken } from "./api.js";
import { errorHtml, esc } from "./format.js";

/** GET a view's data; when it fails the view shows the reason instead, and the answer is null. */
export async function viewData(view, path) {
  try {
    return await api(path);
  } catch (e) {
    view.innerHTML = errorHtml(e);
    return null;
  }
}

/** GET data for a page that shows the failure in its place: the answer (null on failure) and the failure as HTML. */
export async function pageData(path) {
  try {
    return { d: await api(path), failed: "" };
  } catch (e) {
    return { d: null, failed: errorHtml(e) };
  }
}

/** A toolbar is one Tab stop; the arrow keys move between its buttons (roving tabindex). */
export function rovingToolbar(bar) {
  if (!bar) return;
  const items = [...bar.querySelectorAll("button, a")];
  items.forEach((b, i) => (b.tabIndex = i === 0 ? 0 : -1));
  bar.addEventListener("keydown", (e) => {
    const i = items.indexOf(document.activeElement);
    if (i < 0) return;
    const next = e.key === "ArrowRight" || e.key === "ArrowDown" ? i + 1 : e.key === "ArrowLeft" || e.key === "ArrowUp" ? i - 1 : e.key === "Home" ? 0 : e.key === "End" ? items.length - 1 : null;
    if (next == null) return;
    e.preventDefault();
    const to = items[(next + items.length) % items.length];
    items.forEach((b) => (b.tabIndex = b === to ? 0 : -1));
    to.focus();
  });
}

/** Buttons with data-download="<url>" fetch the file and save it, or say in Chinese why there is none. */
export function bindDownloads(root, statusEl) {
  root.querySelectorAll("[data-download]").forEach((b) =>
    b.addEventListener("click", async () => {
      const status = statusEl || b.closest(".downloads")?.querySelector(".dl-status");
      if (status) { status.className = "dl-status meta"; status.textContent = "正在生成文件…"; }
      b.disabled = true;
      try {
        const name = await download(b.dataset.download, b.dataset.name || "下载文件");
        if (status) status.textContent = `已下载：${name}`;
      } catch (e) {
        if (status) { status.className = "dl-status error"; status.setAttribute("role", "alert"); status.textContent = `未能下载：${e.message}`; }
      } finally {
        b.disabled = false;
      }
    }),
  );
}

/** The sign-in box of an editor: the token is asked once per browser session (sessionStorage). */
export function signInHtml() {
  if (getToken()) return `<p class="signin meta">已以编辑身份登录（本次浏览会话有效）。<button type="button" class="secondary small" data-signout>退出编辑</button></p>`;
  return `<form class="signin" data-signin><label for="token">编辑令牌</label><input id="token" type="password" autocomplete="off" placeholder="输入管理员提供的 API 令牌"><button>登录编辑</button><span class="meta">令牌只保存在本次浏览会话中。</span></form>`;
}

/** Wire the sign-in box; onChange runs after signing in or out (re-render). */
export function bindSignIn(root, onChange) {
  root.querySelector("[data-signin]")?.addEventListener("submit", (e) => {
    e.preventDefault();
    const t = root.querySelector("#token").value.trim();
    if (!t) return;
    setToken(t);
    onChange();
  });
  root.querySelector("[data-signout]")?.addEventListener("click", () => {
    setToken("");
    onChange();
  });
}

/** A status line under a form: ok or error, announced. */
export function say(el, text, ok = true) {
  if (!el) return;
  el.className = ok ? "form-status ok" : "form-status error";
  el.setAttribute("role", ok ? "status" : "alert");
  el.innerHTML = esc(text);
}

/** Tables of class "stack" become one card per row on a phone (style.css): each cell after the first carries its column's name. */
export function stackTables(root) {
  for (const table of root.querySelectorAll("table.stack")) {
    const names = [...(table.querySelector("tr:has(> th)")?.children || [])].map((th) => th.textContent.trim());
    for (const tr of table.querySelectorAll("tr:not(:has(> th))")) [...tr.children].forEach((td, i) => i > 0 && names[i] && td.setAttribute("data-label", names[i]));
  }
}
