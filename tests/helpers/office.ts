// LibreOffice for tests: where it is (soffice or libreoffice on PATH), and files converted to PDF with it.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, delimiter, join } from "node:path";

export function findOffice(): string | null {
  for (const name of ["soffice", "libreoffice"])
    for (const d of (process.env.PATH ?? "").split(delimiter)) if (d && existsSync(join(d, name))) return join(d, name);
  return null;
}

/** Each file converted to PDF in `outDir` (with a throwaway user profile); the PDFs, in order. Throws with LibreOffice's stderr when one fails. */
export function convertToPdf(office: string, files: string[], outDir: string): Buffer[] {
  const profile = mkdtempSync(join(tmpdir(), "lo-profile-"));
  try {
    return files.map((f) => {
      const r = spawnSync(office, [`-env:UserInstallation=file://${profile}`, "--headless", "--convert-to", "pdf", "--outdir", outDir, f], { encoding: "utf8", timeout: 120000 });
      if (r.status !== 0) throw new Error(`LibreOffice failed on ${basename(f)} (exit ${r.status}): ${r.stderr}`);
      return readFileSync(join(outDir, basename(f).replace(/\.[^.]+$/, ".pdf")));
    });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
