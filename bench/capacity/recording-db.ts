// A document client that records what an adapter sends instead of sending it, so the capacity
// model measures the items the adapters' own code builds (keys, index attributes, payloads).
// Reads find nothing unless `found` says what a GetItem finds; an atomic counter answers 1.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface SentCommand {
  /** e.g. PutCommand, TransactWriteCommand. */
  name: string;
  input: Record<string, unknown>;
}

type Item = Record<string, unknown>;

export const recordingDb = (found: (key: Record<string, unknown>) => Record<string, unknown> | undefined = () => undefined) => {
  const sent: SentCommand[] = [];
  const client = {
    send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
      sent.push({ name: command.constructor.name, input: command.input });
      switch (command.constructor.name) {
        case 'GetCommand': return { Item: found(command.input.Key as Record<string, unknown>) };
        case 'BatchGetCommand': return { Responses: {} };
        case 'QueryCommand': return { Items: [] };
        case 'UpdateCommand': return { Attributes: { seq: 1, n: 1 } };
        default: return {};
      }
    },
  } as unknown as DynamoDBDocumentClient;
  return { client, sent, clear: () => { sent.length = 0; } };
};

/** The items written by the recorded commands, in order (Put items, and the puts of transactions). */
export const putItems = (sent: readonly SentCommand[]): Item[] =>
  sent.flatMap((c) => {
    if (c.name === 'PutCommand') return [c.input.Item as Item];
    if (c.name === 'TransactWriteCommand') {
      return (c.input.TransactItems as { Put?: { Item: Item } }[]).flatMap((t) => (t.Put ? [t.Put.Item] : []));
    }
    return [];
  });

/** The items of `putItems` that were put inside a transaction (by identity). */
export const transactionalPuts = (sent: readonly SentCommand[]): Set<Item> =>
  new Set(sent.filter((c) => c.name === 'TransactWriteCommand')
    .flatMap((c) => (c.input.TransactItems as { Put?: { Item: Item } }[]).flatMap((t) => (t.Put ? [t.Put.Item] : []))));

/** The updates of the recorded commands (single or in transactions): key, expression and values. */
export const updates = (sent: readonly SentCommand[]) =>
  sent.flatMap((c) => {
    const all = c.name === 'UpdateCommand' ? [c.input]
      : c.name === 'TransactWriteCommand' ? (c.input.TransactItems as { Update?: Item }[]).flatMap((t) => (t.Update ? [t.Update] : []))
        : [];
    return all.map((u) => ({
      transactional: c.name === 'TransactWriteCommand',
      key: u.Key as Item,
      expression: String(u.UpdateExpression),
      names: (u.ExpressionAttributeNames ?? {}) as Record<string, string>,
      values: (u.ExpressionAttributeValues ?? {}) as Record<string, unknown>,
    }));
  });

/**
 * The item an update leaves when applied to `base` (absent: only the key): SET a = :v and ADD a :v
 * clauses (what the adapters use) put each named attribute with its value; `grow` replaces a
 * counter's increment by the value it holds after many (a count's digits take bytes too).
 */
export const applyUpdate = (base: Item | undefined, u: ReturnType<typeof updates>[number], grow: (attribute: string, value: unknown) => unknown = (_a, v) => v): Item => {
  const item: Item = { ...(base ?? u.key) };
  const name = (token: string) => (token.startsWith('#') ? u.names[token] ?? token : token);
  for (const clause of u.expression.split(/\b(?=SET |ADD |REMOVE )/)) {
    const [verb, ...rest] = clause.trim().split(' ');
    const body = rest.join(' ');
    if (verb === 'SET') {
      for (const part of body.split(',')) {
        const [left, right] = part.split('=').map((s) => s.trim());
        if (!left || !right) continue;
        const value = right.startsWith(':') ? u.values[right] : right.includes('if_not_exists') ? u.values[right.match(/:[\w]+/)?.[0] ?? ''] : undefined;
        if (value !== undefined) item[name(left)] = value;
      }
    } else if (verb === 'ADD') {
      for (const part of body.split(',')) {
        const [left, right] = part.trim().split(/\s+/);
        if (left && right) item[name(left)] = grow(name(left), u.values[right]);
      }
    }
  }
  return item;
};
