// The national capacity model (docs/capacity.md, docs/requirements.md R-SCALE):
//
//   npm run bench:capacity -- --rate 2000 [--top 15] [--json] [--top-share 0.05]
//
// For a national rate of dossier submissions per second it prints the load on every DynamoDB key
// family, item taking transactions, queue, function and throughput setting, hottest first, against
// its limit, flags what is over half of it, and the rate at which the first limit is reached. It
// is a report: it exits 0 whatever it finds. The model is in bench/capacity/.
import { parseArgs } from 'node:util';
import { build, DEFAULT_BUILD } from './capacity/build';
import { evaluate } from './capacity/model';
import { reportData, reportText } from './capacity/report';

const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '2000' },
    top: { type: 'string', default: '15' },
    json: { type: 'boolean', default: false },
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
process.stdout.write(`${values.json ? JSON.stringify(data, null, 2) : reportText(data, Number(values.top))}\n`);
