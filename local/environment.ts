// The environment the local runtime gives the handlers, written to process.env too (they run in
// this process). Declared names only: the settings of shared/platform/environment.ts and the
// resource variables of the platform declaration, the same the CDK stacks set in AWS.
import { isEnvName, type EnvName } from '../shared/platform/environment';
import { resourceEnvVars, type PlatformDecl } from '../shared/platform';
import type { SecretEnvVar } from '../shared/platform/secrets';

/** Declared settings, and the declared secrets' values (in AWS they come from Secrets Manager). */
export type LocalSettings = Partial<Record<EnvName | SecretEnvVar, string>>;

export interface LocalEnvironment {
  /** Everything written so far. */
  readonly values: Record<string, string>;
  /** Declared settings and secrets (undefined values are skipped). */
  set(settings: LocalSettings): void;
  /** The variables of provisioned resources (names computed from the platform declaration). */
  setResources(variables: Record<string, string>): void;
}

export const localEnvironment = (platform: PlatformDecl): LocalEnvironment => {
  const resources = resourceEnvVars(platform);
  const values: Record<string, string> = {};
  const write = (name: string, value: string) => {
    if (!isEnvName(name) && !resources.has(name)) throw new Error(`${name} is declared neither in shared/platform/environment.ts nor by the platform's resources`);
    values[name] = value;
    process.env[name] = value;
  };
  return {
    values,
    set(settings) {
      for (const [name, value] of Object.entries(settings)) if (value !== undefined) write(name, value);
    },
    setResources(variables) {
      for (const [name, value] of Object.entries(variables)) write(name, value);
    },
  };
};
