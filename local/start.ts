// `npm start`: the whole portal on this machine. `npm start -- --fresh` wipes .local/ first.
import { resolve } from 'node:path';
import { readEnv } from '../shared/config';
import { localValue } from '../shared/platform/environment';

// Handlers log warnings and errors only here; the gateway prints one access line per request.
// Set before the handler modules load: their logger reads it once.
process.env.LOG_LEVEL ??= localValue('LOG_LEVEL');
const { DEMO_ACCOUNTS, DEMO_PASSWORD } = await import('./seed/accounts');
const { REPO_ROOT, startRuntime } = await import('./runtime');
const { API_REFERENCE_PATH } = await import('../shared/web/spa');

const started = performance.now();
const fresh = process.argv.includes('--fresh');
const port = Number(readEnv('PORT'));

const runtime = await startRuntime({
  stateDir: resolve(REPO_ROOT, readEnv('DVC_STATE_DIR')),
  fresh,
  port,
  log: (line) => console.log(`[local] ${line}`),
  accessLog: (line) => console.log(`[gateway] ${line}`),
}).catch((e: Error) => {
  console.error(`[local] ${e.message.split('\n')[0]}`);
  process.exit(1);
});

const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`
dvc-portal is running (ready in ${seconds} s)

  Portal      ${runtime.url}/  (citizens: /thu-tuc, /ho-so · officials: /can-bo · index: /chi-so)
  API         ${runtime.url}/v1
  OpenAPI     ${runtime.url}/v1/openapi.json  (to read: ${runtime.url}${API_REFERENCE_PATH}/)
  Try         ${runtime.url}/v1/procedures?q=dang%20ky%20khai%20sinh
  Cognito     ${runtime.emulators.endpoints.cognito}  (user pool ${runtime.userPoolId}, web client ${runtime.userPoolClientId}, staff client ${runtime.userPoolStaffClientId})
  Outbox      ${runtime.url}/local/outbox  (the e-mails and SMS the portal would have sent)
  Payments    ${runtime.url}/local/payments/sandbox/transactions  (the sandbox provider's ledger)
  VNeID       ${runtime.vneid.issuer}/.well-known/openid-configuration  (sandbox e-ID, ${runtime.vneid.identities.seed.people.length} people and ${runtime.vneid.identities.seed.organizations.length} organisations; login_hint=<ID number> signs in without the pages)
  Population  ${runtime.vneid.populationUrl}/v1/citizens/001099012345  (x-api-key: ${runtime.vneid.populationApiKey})
  Agency sync ${runtime.url}/local/agency-receiver  (events pushed to the demo agency system)
  Walkthrough npm run demo:dossier · npm run demo:payment · npm run demo:feedback
  Agency kit  npm run example:agency-system  (a one-stop system on the typed client, docs/integrating.md)
  QCVN 120    npm run example:province-system  (a province system with an OAuth token, docs/one-stop-systems.md)
  State       .local/  (npm start -- --fresh to wipe)

Demo accounts (officials and admins: password ${DEMO_PASSWORD}, "Đăng nhập dành cho cán bộ"; citizens and businesses: "Đăng nhập bằng tài khoản định danh điện tử VNeID"):
${DEMO_ACCOUNTS.map((a) => `  ${a.username.padEnd(16)} ${a.group.padEnd(9)} ${a.scopeNote}`).join('\n')}

Ctrl-C stops everything.
`);

let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`[local] ${signal}: stopping`);
  await runtime.stop();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
