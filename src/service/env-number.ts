// A numeric setting from the environment: the fallback when unset, a Chinese error naming it when invalid.
export function envNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min) throw new Error(`环境变量 ${name} 无效：${raw}（应为不小于 ${min} 的数）`);
  return n;
}
