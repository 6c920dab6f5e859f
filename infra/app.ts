// `npx cdk synth` / `npx cdk deploy --all` entry point (cdk.json "app"). See docs/deploy.md.
import { ensureWebBuild } from '../shared/web/build';
import { createApp } from './config';
import { REPO_ROOT } from './paths';
import { buildPortal } from './portal';

// The web stack deploys web/dist: build it first when its sources changed (offline, Vite), as the
// local runtime does. Progress goes to stderr; the CLI reads the cloud assembly, not stdout.
await ensureWebBuild(REPO_ROOT, (line) => console.error(line));
const app = createApp();
buildPortal(app);
app.synth();
