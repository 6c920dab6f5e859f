// The item-size estimate (shared/aws/item-size.ts): each documented rule on its own, then the
// estimate against DynamoDB Local's own limit — an item estimated at exactly 400 KB is stored, one
// byte more is refused — and the 413 a write gets instead of DynamoDB's ValidationException.
import { CreateTableCommand, DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertItemFits, DYNAMODB_ITEM_LIMIT_BYTES, itemBytes, valueBytes } from '../../shared/aws/item-size';
import { DomainError } from '../../shared/errors/domain-error';

describe('valueBytes and itemBytes follow the documented rules', () => {
  it('strings count their UTF-8 bytes, names included', () => {
    expect(valueBytes('abc')).toBe(3);
    expect(valueBytes('Hồ sơ')).toBe(Buffer.byteLength('Hồ sơ'));
    expect(valueBytes('ệ')).toBe(3);
    expect(itemBytes({ tên: 'ệ' })).toBe(Buffer.byteLength('tên') + 3);
  });

  it('numbers count one byte per two significant digits plus one', () => {
    expect(valueBytes(0)).toBe(2);
    expect(valueBytes(7)).toBe(2);
    expect(valueBytes(12)).toBe(2);
    expect(valueBytes(123)).toBe(3);
    // Leading and trailing zeroes are trimmed.
    expect(valueBytes(1_000_000)).toBe(2);
    expect(valueBytes(0.0012)).toBe(2);
    expect(valueBytes(-12345.678)).toBe(5);
  });

  it('null and booleans are one byte; binary its raw bytes; a set the sum of its members', () => {
    expect(valueBytes(null)).toBe(1);
    expect(valueBytes(true)).toBe(1);
    expect(valueBytes(new Uint8Array(10))).toBe(10);
    expect(valueBytes(new Set(['ab', 'cde']))).toBe(5);
  });

  it('lists and maps cost 3 bytes, plus one per element, plus the elements (map keys included)', () => {
    expect(valueBytes([])).toBe(3);
    expect(valueBytes({})).toBe(3);
    expect(valueBytes(['ab', 'c'])).toBe(3 + (1 + 2) + (1 + 1));
    expect(valueBytes({ a: 'xy', bc: [true] })).toBe(3 + (1 + 1 + 2) + (1 + 2 + (3 + 1 + 1)));
  });

  it('undefined values are dropped by the marshaller and cost nothing, not even their name', () => {
    expect(itemBytes({ a: 'x', b: undefined })).toBe(2);
    expect(valueBytes({ a: undefined })).toBe(3);
    expect(valueBytes([undefined, 'x'])).toBe(3 + 2);
  });

  it('refuses what DynamoDB cannot store', () => {
    expect(() => valueBytes(() => 1)).toThrow(TypeError);
  });
});

describe('assertItemFits', () => {
  it('passes an item that fits and returns it; refuses a larger one with 413 ITEM_TOO_LARGE naming the limit', () => {
    const item = { pk: 'P', text: 'x'.repeat(100) };
    expect(assertItemFits(item, 'the test record')).toBe(item);
    const big = { pk: 'P', text: 'ệ'.repeat(140_000) };
    let error: unknown;
    try { assertItemFits(big, 'the procedure 1.000001'); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ kind: 'too_large', code: 'ITEM_TOO_LARGE' });
    expect((error as Error).message).toMatch(/^The procedure 1\.000001 would take \d+ bytes stored; one record holds at most 409600 bytes \(400 KB\)/);
  });
});

describe('the estimate against DynamoDB Local', () => {
  const ddb = new DynamoDBClient({});
  const doc = DynamoDBDocumentClient.from(ddb, { marshallOptions: { removeUndefinedValues: true } });
  const TABLE = `dvc-item-size-${Date.now().toString(36)}`;

  beforeAll(async () => {
    if (!process.env.AWS_ENDPOINT_URL_DYNAMODB) throw new Error('AWS_ENDPOINT_URL_DYNAMODB is not set: run under the global setup');
    await ddb.send(new CreateTableCommand({
      TableName: TABLE, BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'S' }],
    }));
  });
  afterAll(async () => {
    await ddb.send(new DeleteTableCommand({ TableName: TABLE }));
    ddb.destroy();
  });

  /** A record shaped like ours (nested lists and maps, numbers, Vietnamese text) padded to `target` bytes. */
  const itemOf = (target: number) => {
    const base = {
      pk: 'PROCEDURE', sk: '1.000001', name: 'Đăng ký khai sinh', level: 'commune',
      processingTime: { value: 3, unit: 'working_day' }, fees: [{ code: 'LP', amount: 8000, reductions: [{ percent: 50 }] }],
      steps: ['Nộp hồ sơ', 'Trả kết quả'], online: true, note: null, padding: '',
    };
    return { ...base, padding: 'a'.repeat(target - itemBytes(base)) };
  };

  it('stores an item estimated at exactly the limit and refuses one byte more, as the estimate says', async () => {
    const atLimit = itemOf(DYNAMODB_ITEM_LIMIT_BYTES);
    expect(itemBytes(atLimit)).toBe(DYNAMODB_ITEM_LIMIT_BYTES);
    await doc.send(new PutCommand({ TableName: TABLE, Item: atLimit }));

    const over = itemOf(DYNAMODB_ITEM_LIMIT_BYTES + 1);
    expect(() => assertItemFits(over, 'the test record')).toThrow(/at most 409600 bytes/);
    await expect(doc.send(new PutCommand({ TableName: TABLE, Item: over }))).rejects.toThrow(/Item size has exceeded the maximum allowed size/);
  });
});
