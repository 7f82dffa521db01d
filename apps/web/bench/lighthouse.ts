// Lighthouse's mobile preset (its default) through its command line, against Debian's Chromium.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumFlags, chromiumPath } from '@khabar/devkit';

const cli = fileURLToPath(new URL('../node_modules/lighthouse/cli/index.js', import.meta.url));
const categories = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
export type Scores = Record<(typeof categories)[number], number> & {
  failedAudits: string[];
  metrics: string[];
};

interface Report {
  categories: Record<string, { score: number | null; auditRefs: { id: string; weight: number }[] }>;
  audits: Record<
    string,
    { score: number | null; title: string; scoreDisplayMode: string; displayValue?: string }
  >;
}

export async function lighthouse(url: string): Promise<Scores> {
  const profile = await mkdtemp(join(tmpdir(), 'khabar-lighthouse-'));
  const flags = [...chromiumFlags, `--user-data-dir=${profile}`];
  try {
    const json = await new Promise<string>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [
          cli,
          url,
          '--quiet',
          '--output=json',
          '--output-path=stdout',
          `--only-categories=${categories.join(',')}`,
          `--chrome-flags=${flags.join(' ')}`,
        ],
        { env: { ...process.env, CHROME_PATH: chromiumPath }, stdio: ['ignore', 'pipe', 'inherit'] },
      );
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.once('exit', (code) =>
        code === 0 ? resolve(output) : reject(new Error(`lighthouse exited with ${code}`)),
      );
    });
    const report = JSON.parse(json) as Report;
    const score = (id: string) => Math.round((report.categories[id]?.score ?? 0) * 100);
    // Audits that cost points, so a score below 100 says why.
    const failedAudits = Object.values(report.categories)
      .flatMap((category) => category.auditRefs.filter((ref) => ref.weight > 0))
      .map((ref) => ({ id: ref.id, audit: report.audits[ref.id] }))
      .filter(({ audit }) => audit && audit.scoreDisplayMode !== 'notApplicable' && (audit.score ?? 1) < 0.9)
      .map(({ id, audit }) => `${id} ${audit?.displayValue ?? ''} (${audit?.score})`);
    const metricIds = {
      FCP: 'first-contentful-paint',
      LCP: 'largest-contentful-paint',
      CLS: 'cumulative-layout-shift',
    };
    const metrics = Object.entries(metricIds).map(
      ([label, id]) => `${label} ${report.audits[id]?.displayValue ?? '?'}`,
    );
    return {
      metrics,
      performance: score('performance'),
      accessibility: score('accessibility'),
      'best-practices': score('best-practices'),
      seo: score('seo'),
      failedAudits,
    };
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}
