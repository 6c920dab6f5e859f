// Checks one response against the OpenAPI document: the status is declared for the operation, the
// content type is the declared one, and a JSON body validates against the declared schema
// (ajv, JSON Schema 2020-12).
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

interface ResponseDecl { content?: Record<string, { schema: unknown }> }
interface Doc {
  paths: Record<string, Record<string, { responses: Record<string, ResponseDecl> }>>;
  components: { schemas: Record<string, unknown> };
}

const DOC_ID = 'https://dvc-portal.local/openapi.json';

export class ContractChecker {
  private readonly ajv: Ajv2020;
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(private readonly doc: Doc) {
    this.ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: DOC_ID, components: doc.components });
  }

  /** Undefined when the response conforms; otherwise what is wrong. */
  check(template: string, method: string, status: number, contentType: string, body: unknown): string | undefined {
    const operation = this.doc.paths[template]?.[method.toLowerCase()];
    if (!operation) return `no operation ${method} ${template} in the document`;
    const declared = operation.responses[String(status)];
    if (!declared) return `status ${status} is not declared (declared: ${Object.keys(operation.responses).join(', ')})`;
    const media = declared.content ? Object.keys(declared.content) : [];
    if (media.length === 0) return body === undefined ? undefined : `status ${status} declares no body`;
    const type = contentType.split(';')[0]!.trim();
    if (!media.includes(type)) return `content type ${type || '(none)'} is not declared (${media.join(', ')})`;
    if (!/json/.test(type)) return undefined;
    const key = `${method} ${template} ${status} ${type}`;
    let validate = this.validators.get(key);
    if (!validate) {
      const schema = JSON.parse(JSON.stringify(declared.content![type]!.schema).replaceAll('"#/components/', `"${DOC_ID}#/components/`));
      validate = this.ajv.compile(schema as object);
      this.validators.set(key, validate);
    }
    if (validate(body)) return undefined;
    return this.ajv.errorsText(validate.errors, { separator: '; ' }).slice(0, 400);
  }
}
