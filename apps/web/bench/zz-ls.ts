import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromiumFlags, chromiumPath } from '@khabar/devkit';
import { startServices } from './services.ts';

const cli = fileURLToPath(new URL('../node_modules/lighthouse/cli/index.js', import.meta.url));
const s = await startServices();
try {
  for (const path of ['/', '/search?q=' + encodeURIComponent('روسيا')]) {
    const url = s.siteUrl + path;
    for (let i = 0; i < 10; i++) await (await fetch(url)).arrayBuffer();
    const out = await new Promise<string>((res) => {
      const c = spawn(
        process.execPath,
        [
          cli,
          url,
          '--quiet',
          '--output=json',
          '--output-path=stdout',
          '--only-categories=performance',
          `--chrome-flags=${[...chromiumFlags, '--user-data-dir=/tmp/lh-prof-' + Math.random()].join(' ')}`,
        ],
        { env: { ...process.env, CHROME_PATH: chromiumPath }, stdio: ['ignore', 'pipe', 'inherit'] },
      );
      let o = '';
      c.stdout.on('data', (d) => (o += d));
      c.on('exit', () => res(o));
    });
    const r = JSON.parse(out);
    console.log(path, r.categories.performance.score, r.audits['cumulative-layout-shift'].displayValue);
    console.log(
      JSON.stringify(
        r.audits['layout-shifts']?.details?.items?.map((i: any) => ({
          score: i.score,
          node: i.node?.snippet?.slice(0, 120),
          sel: i.node?.selector,
          causes: i.subItems?.items?.map((x: any) => x.cause + ' ' + (x.extra?.value ?? x.extra?.url ?? '')),
        })),
        null,
        1,
      ),
    );
    const reqs = r.audits['network-requests'].details.items.map(
      (i: any) =>
        `${i.url.slice(-60)} ${i.transferSize} start ${i.networkRequestTime?.toFixed?.(0)} end ${i.networkEndTime?.toFixed?.(0)}`,
    );
    console.log(reqs.join('\n'));
  }
} finally {
  await s.stop();
}
