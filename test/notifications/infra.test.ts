// A function declared `sendsMessages` gets SES/SNS send permissions and NOTIFY_DELIVERY=aws (so it
// never falls back to the local outbox in AWS), with cdk-nag findings acknowledged exactly.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp, readConfig } from '../../infra/config';
import { CapabilityFunction } from '../../infra/constructs/capability-function';
import { nagFindings } from '../../infra/nag';
import { settingsOf } from '../../infra/stacks/api-stack';
import { REPO_ROOT } from '../../infra/paths';
import type { FunctionDecl } from '../../shared/platform';

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

const synth = (decl: FunctionDecl, context: Record<string, string> = {}) => {
  const outdir = mkdtempSync(join(tmpdir(), 'dvc-cdk-notify-'));
  dirs.push(outdir);
  const app = createApp({ outdir, context: { 'aws:cdk:bundling-stacks': [], ...context } });
  const stack = new Stack(app, 'DvcNotifyProbe', { env: { region: 'ap-southeast-1' } });
  const fn = new CapabilityFunction(stack, 'Fn', {
    decl, repoRoot: REPO_ROOT, settings: settingsOf(readConfig(app)), tables: new Map(), buckets: new Map(), queues: new Map(), deadLetterQueues: new Map(), secrets: new Map(), secretDecls: [],
  });
  Validations.of(fn.fn).acknowledge({ id: 'AwsSolutions-L1', reason: 'The runtime is fixed by docs/requirements.md R-DEPLOY-FUNCTIONS (nodejs22.x); this probe only checks the grants.' });
  return { app, template: Template.fromStack(stack) };
};

const DECL: FunctionDecl = {
  name: 'notifications', description: 'probe', entry: 'functions/notifications/handler.ts', memoryMb: 512, timeoutSeconds: 30, sendsMessages: true,
};

const statements = (template: Template) =>
  Object.values(template.findResources('AWS::IAM::Policy')).flatMap((p) => (p as { Properties: { PolicyDocument: { Statement: { Action: string | string[]; Resource: unknown }[] } } }).Properties.PolicyDocument.Statement);

describe('FunctionDecl.sendsMessages', () => {
  it('grants ses:SendEmail/SendRawEmail on the account\'s identities and sns:Publish, and selects the AWS senders', () => {
    const { template } = synth(DECL, { notifyEmailFrom: 'no-reply@dichvucong.example.vn', portalBaseUrl: 'https://dichvucong.example.vn' });
    const all = statements(template);
    const ses = all.find((s) => [s.Action].flat().includes('ses:SendRawEmail'));
    expect([ses?.Action].flat().sort()).toEqual(['ses:SendEmail', 'ses:SendRawEmail']);
    expect(JSON.stringify(ses?.Resource)).toContain(':identity/*');
    expect(all.find((s) => [s.Action].flat().includes('sns:Publish'))?.Resource).toBe('*');
    const env = Object.values(template.findResources('AWS::Lambda::Function'))[0] as { Properties: { Environment: { Variables: Record<string, string> } } };
    expect(env.Properties.Environment.Variables).toMatchObject({
      NOTIFY_DELIVERY: 'aws', NOTIFY_EMAIL_FROM: 'no-reply@dichvucong.example.vn', PORTAL_BASE_URL: 'https://dichvucong.example.vn',
    });
  });

  it('leaves no unacknowledged cdk-nag finding, acknowledging the SES identities wildcard by name', () => {
    const { app } = synth(DECL);
    expect(nagFindings(app).map((v) => `${v.ruleName} ${v.violatingResources.map((r) => r.resourceLogicalId).join(' ')}`)).toEqual([]);
    const role = app.node.findAll().find((c) => c.node.path.endsWith('/Fn/Role'))!;
    const acknowledged = role.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) => Object.keys(m.data as Record<string, string>));
    expect(acknowledged.some((id) => /AwsSolutions-IAM5\[Resource::arn:[^:]+:ses:ap-southeast-1:<AWS::AccountId>:identity\/\*\]$/.test(id)), acknowledged.join('\n')).toBe(true);
  });

  it('without it: no send permission and no NOTIFY_DELIVERY (the outbox is local only)', () => {
    const { sendsMessages: _omit, ...plain } = DECL;
    const { template } = synth(plain);
    const actions = statements(template).flatMap((s) => [s.Action].flat());
    expect(actions.filter((a) => /^(ses|sns):/.test(a))).toEqual([]);
    const env = Object.values(template.findResources('AWS::Lambda::Function'))[0] as { Properties: { Environment: { Variables: Record<string, string> } } };
    expect(env.Properties.Environment.Variables.NOTIFY_DELIVERY).toBeUndefined();
  });
});
