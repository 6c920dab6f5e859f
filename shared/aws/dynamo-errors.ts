// What a failed conditional DynamoDB write means, the same for every adapter: a condition did
// not hold (a single write's ConditionalCheckFailedException, or a cancelled transaction), and for a
// transaction which of its items failed.

export const isConditionFailure = (error: unknown): boolean => {
  const name = (error as { name?: string })?.name;
  return name === 'ConditionalCheckFailedException' || name === 'TransactionCanceledException';
};

/** Per item of a cancelled transaction: whether that item's condition failed (by position). */
export const failedConditions = (error: unknown): boolean[] =>
  ((error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []).map((r) => r.Code === 'ConditionalCheckFailed');
