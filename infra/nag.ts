// cdk-nag v3 runs as a CDK policy-validation plugin and is silenced per construct with
// `Validations.of(construct).acknowledge({ id, reason })`. Some findings name a resource ARN that
// is only known after synthesis prepares cross-stack references (e.g. `Resource::DvcData:Exports…/*`),
// so those acknowledgements are computed from the ARN tokens just before cdk-nag runs: they match
// exactly one resource, never a pattern.
import { Stack, Validations, type IPolicyValidationContext, type IPolicyValidationPlugin, type PolicyValidationPluginReport } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
// cdk-nag's own rendering of a CloudFormation reference inside a finding id.
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference';
import type { IConstruct } from 'constructs';

type Deferred = () => void;
const pending = new WeakMap<IConstruct, Deferred[]>();

/**
 * Acknowledges `AwsSolutions-IAM5[Resource::<arn><suffix>]` on `scope` once references are
 * resolved, where `<arn>` is how the ARN token renders in `scope`'s stack.
 */
export const acknowledgeWildcardResource = (scope: IConstruct, arn: string, suffix: string, reason: string) => {
  const root = scope.node.root;
  const list = pending.get(root) ?? [];
  list.push(() => {
    const rendered = flattenCfnReference(Stack.of(scope).resolve(arn));
    Validations.of(scope).acknowledge({ id: `AwsSolutions-IAM5[Resource::${rendered}${suffix}]`, reason });
  });
  pending.set(root, list);
};

/** Records the deferred acknowledgements of `root`. Call after synthesis prepared the app. */
export const applyDeferredAcknowledgements = (root: IConstruct) => {
  const list = pending.get(root.node.root) ?? [];
  pending.delete(root.node.root);
  for (const ack of list) ack();
};

/** Runs first in the validation phase (after references are resolved), before cdk-nag. */
class DeferredAcknowledgements implements IPolicyValidationPlugin {
  readonly name = 'dvc-deferred-acknowledgements';
  constructor(private readonly root: IConstruct) {}
  validate(_context: IPolicyValidationContext): PolicyValidationPluginReport {
    applyDeferredAcknowledgements(this.root);
    return { success: true, violations: [] };
  }
}

/** cdk-nag AwsSolutions over the whole app; acknowledgements are also written to template metadata. */
export const addNagChecks = (scope: IConstruct) => {
  Validations.of(scope).addPlugins(
    new DeferredAcknowledgements(scope),
    new AwsSolutionsChecks(scope, { verbose: true, writeSuppressionsToCloudFormation: true }),
  );
};

/** For tests: run AwsSolutions over a synthesized app and return the unacknowledged findings. */
export const nagFindings = (scope: IConstruct) => {
  applyDeferredAcknowledgements(scope);
  return new AwsSolutionsChecks(undefined, {}).validateScope(scope).violations;
};
