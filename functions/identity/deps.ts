// The identity functions' adapters on the platform, each made on first use: one registry per
// instance (the admin routes, the signed-body middleware and the authorizer read it), the
// catalogue, the agency systems' app clients, and the VNeID sign-in's states, provider and accounts.
import { secretValue } from '../../shared/aws/secrets';
import { readEnv } from '../../shared/config';
import { secretEnvVar } from '../../shared/platform/secrets';
import { catalogueReader, type CatalogueReader } from '../catalogue/public';
import { CognitoAccounts } from './adapters/cognito-accounts';
import { configuredMachineClients, type MachineClients } from './adapters/machine-clients';
import { AgencySystemRegistry } from './adapters/registry';
import { SignInStates } from './adapters/sign-in-states';
import { VneidProvider } from './adapters/vneid-provider';
import type { RegistryDeps } from './use-cases/agency-systems';
import type { VneidSignInDeps } from './use-cases/vneid-sign-in';

let registry: AgencySystemRegistry | undefined;
export const registryOf = () => (registry ??= new AgencySystemRegistry());

let catalogue: CatalogueReader | undefined;
const catalogueOf = () => (catalogue ??= catalogueReader());

let machineClients: MachineClients | undefined;
const machineClientsOf = () => (machineClients ??= configuredMachineClients());

export const platformDeps = (): RegistryDeps => ({ registry: registryOf, catalogue: catalogueOf, machineClients: machineClientsOf });

const configured = (name: 'VNEID_ISSUER' | 'VNEID_REDIRECT_URI') => {
  const value = readEnv(name);
  if (!value) throw new Error(`${name} is not configured (docs/identity.md "Deploying with a real VNeID")`);
  return value;
};

let signIn: VneidSignInDeps | undefined;
/** Made on the first sign-in request: the settings are read then, not at cold start. */
export const signInDeps = (): VneidSignInDeps => (signIn ??= {
  states: new SignInStates(),
  provider: new VneidProvider({
    issuer: configured('VNEID_ISSUER'),
    clientId: readEnv('VNEID_CLIENT_ID'),
    clientSecret: () => secretValue(secretEnvVar('vneid-client-secret')),
    redirectUri: configured('VNEID_REDIRECT_URI'),
  }),
  accounts: new CognitoAccounts(),
  proofKey: () => secretValue(secretEnvVar('sign-in-proof-key')),
});
