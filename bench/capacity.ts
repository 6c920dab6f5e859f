// The national capacity model (docs/capacity.md, docs/requirements.md R-SCALE):
//
//   npm run bench:capacity -- --rate 2000 [--top 15] [--json] [--top-share 0.05]
//   npm run bench:capacity -- --quotas          # the quota table of docs/capacity.md
//   npm run bench:capacity -- --write-quotas    # … written into docs/capacity.md between its markers
//
// For a national rate of dossier submissions per second it prints the load on every DynamoDB key
// family, item taking transactions, queue, function and throughput setting, hottest first, against
// its limit, flags what is over half of it, and the rate at which the first limit is reached. It
// is a report: it exits 0 whatever it finds. The model is in bench/capacity/.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { build, DEFAULT_BUILD } from './capacity/build';
import { evaluate } from './capacity/model';
import { QUOTA_TABLE_MARKERS, quotaTable, reportData, reportText } from './capacity/report';

const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '2000' },
    top: { type: 'string', default: '15' },
    json: { type: 'boolean', default: false },
    quotas: { type: 'boolean', default: false },
    'write-quotas': { type: 'boolean', default: false },
    'top-share': { type: 'string', default: String(DEFAULT_BUILD.topShare) },
  },
});
const positive = (name: string, text: string) => {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, got ${text}`);
  return n;
};
const rate = positive('rate', values.rate);
const topShare = positive('top-share', values['top-share']);
if (topShare > 1) throw new Error('--top-share is a share of the national rate, at most 1');

const built = await build({ ...DEFAULT_BUILD, topShare });
const data = reportData(built, evaluate(built.input, rate));
if (values['write-quotas']) {
  const doc = 'docs/capacity.md';
  const text = readFileSync(doc, 'utf8');
  const [begin, end] = QUOTA_TABLE_MARKERS;
  const from = text.indexOf(begin);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${doc} has no ${begin} … ${end} block`);
  writeFileSync(doc, `${text.slice(0, from + begin.length)}\n${quotaTable(data)}\n${text.slice(to)}`);
  process.stdout.write(`${doc}: quota table written\n`);
} else {
  process.stdout.write(`${values.json ? JSON.stringify(data, null, 2) : values.quotas ? quotaTable(data) : reportText(data, Number(values.top))}\n`);
}
