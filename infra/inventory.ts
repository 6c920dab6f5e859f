// What a synthesized deployment contains, in the declaration's terms — so tests can compare the
// CDK templates with the declaration and with the local runtime without reading logical ids.
import { TAG } from './names';

type Json = Record<string, unknown>;
interface CfnResource { Type: string; Properties?: Json }

export interface Inventory {
  /** `GET /v1/procedures/{code}` ..., without `$default`. */
  routeKeys: Set<string>;
  hasDefaultRoute: boolean;
  /** Declared (logical) table names. */
  tables: Set<string>;
  buckets: Set<string>;
  /** Declared queue names (each has a DLQ, listed in `dlqsOf`). */
  queues: Set<string>;
  /** Declared names of queues whose DLQ is in the templates. */
  dlqsOf: Set<string>;
  /** Physical SQS queue names, DLQs included. */
  queuePhysicalNames: Set<string>;
  /** Declared function names. */
  functions: Set<string>;
  schedules: Set<string>;
}

const tagValue = (props: Json | undefined, key: string): string | undefined => {
  const tags = props?.Tags;
  if (Array.isArray(tags)) return (tags as { Key: string; Value: string }[]).find((t) => t.Key === key)?.Value;
  if (tags && typeof tags === 'object') return (tags as Record<string, string>)[key];
  return undefined;
};

/** Reads CloudFormation templates (JSON objects, e.g. `Template.toJSON()` or cdk.out/*.template.json). */
export const inventoryOf = (templates: Iterable<Json>): Inventory => {
  const inv: Inventory = {
    routeKeys: new Set(), hasDefaultRoute: false, tables: new Set(), buckets: new Set(), queues: new Set(),
    dlqsOf: new Set(), queuePhysicalNames: new Set(), functions: new Set(), schedules: new Set(),
  };
  for (const template of templates) {
    const resources = (template.Resources ?? {}) as Record<string, CfnResource>;
    for (const r of Object.values(resources)) {
      const p = r.Properties;
      switch (r.Type) {
        case 'AWS::ApiGatewayV2::Route': {
          const key = p?.RouteKey as string;
          if (key === '$default') inv.hasDefaultRoute = true;
          else inv.routeKeys.add(key);
          break;
        }
        case 'AWS::DynamoDB::Table': {
          const name = tagValue(p, TAG.table);
          if (name) inv.tables.add(name);
          break;
        }
        case 'AWS::S3::Bucket': {
          const name = tagValue(p, TAG.bucket);
          if (name) inv.buckets.add(name);
          break;
        }
        case 'AWS::SQS::Queue': {
          const queue = tagValue(p, TAG.queue);
          const dlqOf = tagValue(p, TAG.dlqOf);
          if (queue) inv.queues.add(queue);
          if (dlqOf) inv.dlqsOf.add(dlqOf);
          if (typeof p?.QueueName === 'string') inv.queuePhysicalNames.add(p.QueueName);
          break;
        }
        case 'AWS::Lambda::Function': {
          const name = tagValue(p, TAG.fn);
          if (name) inv.functions.add(name);
          break;
        }
        case 'AWS::Scheduler::Schedule': {
          if (typeof p?.Name === 'string') inv.schedules.add(p.Name);
          break;
        }
      }
    }
  }
  return inv;
};
