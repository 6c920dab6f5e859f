// The procedure catalogue and the shared catalogues (docs/requirements.md R-CATALOGUE-PROCEDURE,
// R-CATALOGUE-SHARED). One source for validation, types and the OpenAPI document.
import * as z from 'zod';
import { Cursor, IsoDate, Limit, optionalText, page } from './common';

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
  revenueItemCode: z.string().min(1).max(40),
  reductions: z.array(FeeReduction).max(20).optional(),
});

export const Component = z.object({
  code: z.string().min(1).max(40),
  name: z.string().min(1).max(1000),
  required: z.boolean(),
  formTemplateUrl: z.string().url().optional(),
  maxFiles: z.number().int().min(1).max(50),
  accept: z.array(z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/)).min(1),
});

export const FormFieldType = z.enum([
  'text', 'number', 'date', 'select', 'idNumber', 'phone', 'email', 'address',
]);
export const FormField = z.object({
  name: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/),
  label: z.string().min(1).max(300),
  type: FormFieldType,
  required: z.boolean(),
  pattern: z.string().max(500).optional(),
  options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
});
export const FormDefinition = z.object({ fields: z.array(FormField).max(100) });

export const ProcedureStatus = z.enum(['published', 'published_amended', 'repealed']);

export const Procedure = z
  .object({
    code: ProcedureCode,
    name: z.string().min(1).max(1000),
    level: Level,
    sectorCode: z.string().min(1).max(40),
    agencyKinds: z.array(Level).min(1),
    ministryCodes: z.array(z.string()).optional(),
    applicantTypes: z.array(ApplicantType).min(1),
    steps: z.array(z.string().max(5000)),
    channels: z.array(Channel).min(1),
    onlineService: OnlineService,
    processingTime: ProcessingTime,
    fees: z.array(Fee),
    components: z.array(Component).min(1),
    form: FormDefinition,
    requirements: z.array(z.string().max(5000)),
    resultTypes: z.array(z.string()),
    legalBasis: z.array(
      z.object({ number: z.string(), title: z.string(), effectiveAt: IsoDate.nullable() }),
    ),
    status: ProcedureStatus,
    announcedAt: z.string(),
    publishedAt: z.string(),
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
  parentCode: z.string().nullable(), provinceCode: z.string().nullable(),
  administrativeUnitCode: z.string().nullable().optional(), note: z.string().optional(),
});
export const AdministrativeUnit = z.object({
  id: Id, code: z.string().regex(/^\d{2}(\d{3})?$/), name: z.string().min(1).max(300),
  level: z.enum(['province', 'commune']), parentCode: z.string().nullable(), kind: z.string().optional(),
});
export const Sector = z.object({ id: Id, code: Id, name: z.string().min(1).max(500) });
export const ResultType = z.object({ id: Id, code: Id, name: z.string().min(1).max(500) });
export const TreasuryAccount = z.object({
  id: Id, code: Id, agencyCode: z.string().min(1), treasuryName: z.string().min(1),
  accountNumber: z.string().min(1).max(40), bankCode: z.string().optional(),
});
export const RevenueItem = z.object({
  id: Id, code: Id, name: z.string().min(1).max(500), kind: z.enum(['fee', 'charge']),
});
export const Bank = z.object({
  id: Id, code: Id, shortName: z.string().min(1), name: z.string().min(1),
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
