// The procedure catalogue and the shared catalogues (docs/requirements.md R-CATALOGUE-PROCEDURE,
// R-CATALOGUE-SHARED). One source for validation, types and the OpenAPI document.
import * as z from 'zod';
import { Cursor, IsoDate, Limit, optionalText, page } from './common';

/**
 * Realistic maxima of a procedure record (docs/data-model.md "Limits"): the largest real records
 * have about 25 components, 20 legal documents and a handful of steps; these leave room for ten
 * times that. Lengths bound what one request can make the record grow to; the item-size check
 * before the write (shared/aws/item-size.ts) bounds the whole.
 */
export const PROCEDURE_LIMITS = {
  steps: 50, requirements: 50, fees: 50, components: 100, legalBasis: 100, resultTypes: 20, ministryCodes: 30,
  formFields: 100, selectOptions: 1000, accept: 20,
  /** Characters of one step or requirement. */
  paragraph: 5000,
} as const;
const L = PROCEDURE_LIMITS;

/** A code of a shared catalogue entry, as an entry's id is spelled. */
const CatalogueCode = z.string().min(1).max(60).regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, dash or underscore');

export const Level = z.enum(['central', 'province', 'commune']);
export type Level = z.infer<typeof Level>;
export const OnlineService = z.enum(['full', 'partial', 'none']);
export const ApplicantType = z.enum(['citizen', 'business']);
export const Channel = z.enum(['desk', 'online', 'post']);

export const ProcedureCode = z
  .string()
  .regex(/^\d\.\d{6}(\.\d{6})?$/, 'expected a national procedure code such as 1.001193');

export const ProcessingTime = z.object({
  value: z.number().positive().max(3650),
  unit: z.enum(['working_day', 'working_hour', 'day']),
});

/** An exemption (100%) or reduction of a fee for some applicants or channels, with its legal basis. */
export const FeeReduction = z.object({
  applicantType: z.enum(['citizen', 'business']).optional(),
  channel: z.enum(['online', 'desk', 'post']).optional(),
  percent: z.number().int().min(1).max(100),
  basis: z.string().min(1).max(500).describe('The legal basis, e.g. the circular that grants it'),
});

export const Fee = z.object({
  code: z.string().min(1).max(40),
  name: z.string().min(1).max(500),
  amount: z.number().int().min(0).max(1_000_000_000_000).describe('VND, integer'),
  kind: z.enum(['fee', 'charge']),
  revenueItemCode: CatalogueCode.describe('An entry of the revenue-items catalogue'),
  reductions: z.array(FeeReduction).max(20).optional(),
});

export const Component = z.object({
  code: z.string().min(1).max(40),
  name: z.string().min(1).max(1000),
  required: z.boolean(),
  formTemplateUrl: z.url().max(2048).optional(),
  maxFiles: z.number().int().min(1).max(50),
  accept: z.array(z.string().max(100).regex(/^[a-z]+\/[a-z0-9.+-]+$/)).min(1).max(L.accept),
});

export const FormFieldType = z.enum([
  'text', 'number', 'date', 'select', 'idNumber', 'phone', 'email', 'address',
]);
/**
 * Where a form field's value comes from when the State already holds it (docs/dossiers.md
 * "Prefilled and locked fields"): the signed-in person's record in the national population
 * database (`population.*`, for citizens) or the business's record in the national business
 * register (`enterprise.*`, for businesses). The portal fills such a field and locks it.
 */
export const FormFieldSource = z.enum([
  'population.idNumber', 'population.fullName', 'population.dateOfBirth', 'population.sex',
  'population.permanentAddress', 'population.currentAddress',
  'enterprise.enterpriseCode', 'enterprise.name', 'enterprise.address',
  'enterprise.legalRepresentativeIdNumber', 'enterprise.legalRepresentativeName',
]).meta({ id: 'FormFieldSource' });
export type FormFieldSource = z.infer<typeof FormFieldSource>;

/** The field types a source's value fits (a name is text; sex a select of nam/nu, or text; …). */
const SOURCE_TYPES: Record<FormFieldSource, readonly z.infer<typeof FormFieldType>[]> = {
  'population.idNumber': ['idNumber', 'text'],
  'population.fullName': ['text'],
  'population.dateOfBirth': ['date', 'text'],
  'population.sex': ['select', 'text'],
  'population.permanentAddress': ['address', 'text'],
  'population.currentAddress': ['address', 'text'],
  'enterprise.enterpriseCode': ['text'],
  'enterprise.name': ['text'],
  'enterprise.address': ['address', 'text'],
  'enterprise.legalRepresentativeIdNumber': ['idNumber', 'text'],
  'enterprise.legalRepresentativeName': ['text'],
};

export const FormField = z.object({
  name: z.string().max(60).regex(/^[a-zA-Z][a-zA-Z0-9]*$/),
  label: z.string().min(1).max(300),
  type: FormFieldType,
  required: z.boolean(),
  pattern: z.string().max(500).optional(),
  options: z.array(z.object({ value: z.string().max(200), label: z.string().max(300) })).max(L.selectOptions).optional(),
  source: FormFieldSource.optional()
    .describe('The State register the portal fills this field from, read-only for the applicant (docs/dossiers.md "Prefilled and locked fields")'),
}).refine((f) => !f.source || SOURCE_TYPES[f.source].includes(f.type), {
  path: ['source'], message: 'does not fit the field\'s type (a date of birth needs a date or text field, an address an address or text field, …)',
});
export const FormDefinition = z.object({ fields: z.array(FormField).max(L.formFields) });

export const ProcedureStatus = z.enum(['published', 'published_amended', 'repealed']);

export const Procedure = z
  .object({
    code: ProcedureCode,
    name: z.string().min(1).max(1000),
    level: Level,
    sectorCode: CatalogueCode.describe('An entry of the sectors catalogue'),
    agencyKinds: z.array(Level).min(1).max(3),
    ministryCodes: z.array(CatalogueCode).max(L.ministryCodes).optional()
      .describe('Central agencies (agencies catalogue, level central) that implement it; none: every ministry'),
    applicantTypes: z.array(ApplicantType).min(1).max(2),
    steps: z.array(z.string().max(L.paragraph)).max(L.steps),
    channels: z.array(Channel).min(1).max(3),
    onlineService: OnlineService,
    processingTime: ProcessingTime,
    fees: z.array(Fee).max(L.fees),
    components: z.array(Component).min(1).max(L.components),
    form: FormDefinition,
    requirements: z.array(z.string().max(L.paragraph)).max(L.requirements),
    resultTypes: z.array(CatalogueCode).max(L.resultTypes).describe('Entries of the result-types catalogue'),
    legalBasis: z.array(
      z.object({ number: z.string().min(1).max(100), title: z.string().max(1000), effectiveAt: IsoDate.nullable() }),
    ).max(L.legalBasis),
    status: ProcedureStatus,
    /** Days, not instants: Decision 766 counts working days from the announcing and publishing days. */
    announcedAt: IsoDate.describe('The day the procedure was announced (YYYY-MM-DD)'),
    publishedAt: IsoDate.describe('The day it was published in the national database (YYYY-MM-DD)'),
  })
  .meta({ id: 'Procedure' });
export type Procedure = z.infer<typeof Procedure>;

/** What a list returns per procedure (R-CATALOGUE-LIST: at least these fields). */
export const ProcedureSummary = Procedure.pick({
  code: true, name: true, level: true, sectorCode: true, onlineService: true,
  processingTime: true, fees: true,
}).meta({ id: 'ProcedureSummary' });
export type ProcedureSummary = z.infer<typeof ProcedureSummary>;

export const ProcedureSearchQuery = z.object({
  q: optionalText(200),
  sector: optionalText(40),
  agency: optionalText(40),
  level: Level.optional(),
  online: z.enum(['full', 'partial']).optional(),
  limit: Limit,
  cursor: Cursor,
});
export type ProcedureSearchQuery = z.infer<typeof ProcedureSearchQuery>;

export const ProcedurePage = page(ProcedureSummary).meta({ id: 'ProcedurePage' });

export const CATALOGUE_NAMES = [
  'agencies', 'administrative-units', 'sectors', 'result-types', 'treasury-accounts',
  'revenue-items', 'banks', 'holidays',
] as const;
export const CatalogueName = z.enum(CATALOGUE_NAMES);
export type CatalogueName = z.infer<typeof CatalogueName>;

const Id = z.string().min(1).max(60).regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, dash or underscore');

export const Agency = z.object({
  id: Id, code: Id, name: z.string().min(1).max(500), level: Level,
  parentCode: Id.nullable(), provinceCode: z.string().max(10).nullable(),
  administrativeUnitCode: z.string().max(10).nullable().optional(), note: z.string().max(2000).optional(),
});
export const AdministrativeUnit = z.object({
  id: Id, code: z.string().regex(/^\d{2}(\d{3})?$/), name: z.string().min(1).max(300),
  level: z.enum(['province', 'commune']), parentCode: z.string().max(10).nullable(), kind: z.string().max(100).optional(),
});
export const Sector = z.object({ id: Id, code: Id, name: z.string().min(1).max(500) });
export const ResultType = z.object({ id: Id, code: Id, name: z.string().min(1).max(500) });
export const TreasuryAccount = z.object({
  id: Id, code: Id, agencyCode: Id, treasuryName: z.string().min(1).max(300),
  accountNumber: z.string().min(1).max(40), bankCode: Id.optional(),
});
export const RevenueItem = z.object({
  id: Id, code: Id, name: z.string().min(1).max(500), kind: z.enum(['fee', 'charge']),
});
export const Bank = z.object({
  id: Id, code: Id, shortName: z.string().min(1).max(100), name: z.string().min(1).max(500),
  bin: z.string().regex(/^\d{6}$/),
});
export const Holiday = z.object({
  id: IsoDate, date: IsoDate, name: z.string().min(1).max(300),
  kind: z.enum(['holiday', 'compensatory', 'extra_day_off', 'makeup_workday']),
  year: z.number().int().min(2000).max(2100),
});

/** Entry schema per shared catalogue: `PUT /v1/catalogues/{name}/{id}` validates against it. */
export const CATALOGUE_ENTRY: Record<CatalogueName, z.ZodObject> = {
  agencies: Agency,
  'administrative-units': AdministrativeUnit,
  sectors: Sector,
  'result-types': ResultType,
  'treasury-accounts': TreasuryAccount,
  'revenue-items': RevenueItem,
  banks: Bank,
  holidays: Holiday,
};

export const CatalogueEntry = z
  .object({ id: z.string() })
  .catchall(z.unknown())
  .meta({ id: 'CatalogueEntry', description: 'One entry; its shape depends on the catalogue name' });
export const CataloguePage = page(CatalogueEntry).meta({ id: 'CataloguePage' });

export const CatalogueListQuery = z.object({
  limit: Limit,
  cursor: Cursor,
  /** Children of a parent, e.g. the communes of a province. */
  parent: optionalText(40),
  /** Holidays of one year. */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export const CatalogueParams = z.object({ name: CatalogueName });
export const CatalogueEntryParams = z.object({ name: CatalogueName, id: Id });
export const ProcedureParams = z.object({ code: ProcedureCode });
