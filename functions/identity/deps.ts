// The identity functions' adapters on the platform: one registry per instance (the admin routes,
// the signed-body middleware and the authorizer read it) and the catalogue, both made on first use.
import { catalogueReader, type CatalogueReader } from '../catalogue/public';
import { configuredMachineClients, type MachineClients } from './adapters/machine-clients';
import { AgencySystemRegistry } from './adapters/registry';
import type { RegistryDeps } from './use-cases/agency-systems';

let registry: AgencySystemRegistry | undefined;
export const registryOf = () => (registry ??= new AgencySystemRegistry());

let catalogue: CatalogueReader | undefined;
const catalogueOf = () => (catalogue ??= catalogueReader());

let machineClients: MachineClients | undefined;
const machineClientsOf = () => (machineClients ??= configuredMachineClients());

export const platformDeps = (): RegistryDeps => ({ registry: registryOf, catalogue: catalogueOf, machineClients: machineClientsOf });
