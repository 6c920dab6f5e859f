// The repository root, so handler entries (declared relative to it) resolve the same way from
// `cdk synth`, from vitest and from any working directory.
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
