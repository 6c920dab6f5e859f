// `npx cdk synth` / `npx cdk deploy --all` entry point (cdk.json "app"). See docs/deploy.md.
import { createApp } from './config';
import { buildPortal } from './portal';

const app = createApp();
buildPortal(app);
app.synth();
