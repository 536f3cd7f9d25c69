// Talking to the JSON API: answers for an earlier route are dropped, errors become Chinese messages,
// an endpoint the service does not have yet says so, the editor's token lives in sessionStorage.
let routeNo = 0;
/** Never settles: awaiting it ends a render whose route the user has left. */
const STALE = new Promise(() => {});

export function nextRoute() {
  return ++routeNo;
}

class ApiError extends Error {
  constructor(message, status, missing = false) {
    super(message);
    this.status = status;
    this.missing = missing; // the service has no such endpoint (yet)
  }
}

async function readBody(r) {
  const text = await r.text();
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    return { error: `服务返回了无法解析的内容（${r.status}）` };
  }
}

function failure(r, body, method, path) {
  const bare = path.split("?")[0];
  const missing = (r.status === 404 && /^未找到：/.test(body.error || "")) || r.status === 405 || r.status === 501;
  if (missing) return new ApiError(`服务端尚未提供此功能（${method} ${bare}），请在服务更新后再试`, r.status, true);
  if (r.status === 401) return new ApiError(body.error || "需要有效的令牌，请重新登录", 401);
  return new ApiError(body.error || `请求失败（${r.status}）`, r.status);
}

/** GET a JSON answer; an answer for a route the user has left never resolves. */
export async function api(path) {
  const no = routeNo;
  let r;
  try {
    r = await fetch(path, { headers: { accept: "application/json" } });
  } catch {
    if (no !== routeNo) return STALE;
    throw new ApiError("无法连接服务，请检查网络后重试", 0);
  }
  const body = await readBody(r);
  if (no !== routeNo) return STALE;
  if (!r.ok) throw failure(r, body, "GET", path);
  return body;
}

// ------------------------------------------------------------------ editor token (one per browser session)

const TOKEN_KEY = "policy-api-token";
export const getToken = () => sessionStorage.getItem(TOKEN_KEY) || "";
export const setToken = (t) => (t ? sessionStorage.setItem(TOKEN_KEY, t) : sessionStorage.removeItem(TOKEN_KEY));

/** A write (PATCH, DELETE, POST JSON or FormData) with the editor's token. */
export async function send(method, path, body) {
  const headers = { accept: "application/json" };
  const token = getToken();
  if (token) headers.authorization = `Bearer ${token}`;
  let payload;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers["content-type"] = "application/json";
    payload = JSON.stringify(body);
  }
  let r;
  try {
    r = await fetch(path, { method, headers, body: payload });
  } catch {
    throw new ApiError("无法连接服务，请检查网络后重试", 0);
  }
  const answer = await readBody(r);
  if (!r.ok) throw failure(r, answer, method, path);
  return answer;
}

/** Upload a file with form fields beside it; onProgress(fraction) while the bytes go out. */
export function upload(file, fields, onProgress) {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    form.append("file", file, file.name);
    for (const [k, v] of Object.entries(fields || {})) if (v) form.append(k, v);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/documents");
    xhr.setRequestHeader("accept", "application/json");
    const token = getToken();
    if (token) xhr.setRequestHeader("authorization", `Bearer ${token}`);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress?.(e.loaded / e.total);
    xhr.upload.onload = () => onProgress?.(1);
    xhr.onerror = () => reject(new ApiError("上传中断：无法连接服务", 0));
    xhr.onload = () => {
      let body;
      try {
        body = JSON.parse(xhr.responseText || "{}");
      } catch {
        body = { error: `服务返回了无法解析的内容（${xhr.status}）` };
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body);
      else reject(failure({ status: xhr.status }, body, "POST", "/api/documents"));
    };
    xhr.send(form);
  });
}

/** Download a file the API generates; a refusal becomes a Chinese message (never a silent failed download). */
export async function download(path, fallbackName) {
  let r;
  try {
    r = await fetch(path, { headers: getToken() ? { authorization: `Bearer ${getToken()}` } : {} });
  } catch {
    throw new ApiError("无法连接服务，文件未下载", 0);
  }
  if (!r.ok) throw failure(r, await readBody(r), "GET", path);
  const blob = await r.blob();
  const cd = r.headers.get("content-disposition") || "";
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  const plain = /filename="?([^";]+)"?/i.exec(cd);
  const name = star ? decodeURIComponent(star[1]) : plain ? plain[1] : fallbackName;
  const url = URL.createObjectURL(blob);
  const a = Object.assign(document.createElement("a"), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  return name;
}
