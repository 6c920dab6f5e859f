// cdk-nag AwsSolutions over the real deployment: zero unacknowledged findings, every
// acknowledgement with a reason. cdk-nag v3 is a CDK policy-validation plugin (it no longer adds
// annotations), so the findings come from the pack itself; synthesis with the plugin installed
// fails on any finding, which the last test proves.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Stack, Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../infra/config';
import { addNagChecks, applyDeferredAcknowledgements, nagFindings } from '../../infra/nag';
import { synthPortal, type Synthesized } from './helpers';

let s: Synthesized;
beforeAll(() => {
  s = synthPortal();
}, 120_000);
afterAll(() => s?.dispose());

const walk = (c: IConstruct): IConstruct[] => [c, ...c.node.children.flatMap(walk)];

describe('cdk-nag AwsSolutions', () => {
  it('reports zero unacknowledged errors and warnings', () => {
    const findings = nagFindings(s.app);
    expect(findings.map((v) => `${v.severity} ${v.ruleName} ${v.violatingResources.map((r) => r.constructPath).join(' ')}`)).toEqual([]);
  });

  it('leaves no AwsSolutions annotation on any stack', () => {
    // From the cloud assembly already synthesized (Annotations.fromStack would synthesize again per call).
    const assembly = s.app.synth();
    for (const stack of [s.stacks.data, s.stacks.identity, s.stacks.api, s.stacks.jobs, s.stacks.alarms, s.stacks.web]) {
      const flagged = assembly.getStackArtifact(stack.artifactId).messages
        .filter((m) => (m.level === 'error' || m.level === 'warning') && /AwsSolutions-/.test(String(m.entry.data)));
      expect(flagged.map((m) => `${m.id} ${String(m.entry.data)}`)).toEqual([]);
    }
  });

  it('every acknowledgement names an AwsSolutions rule and gives a concrete reason', () => {
    applyDeferredAcknowledgements(s.app);
    const acks = walk(s.app).flatMap((c) =>
      c.node.metadata
        .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((m) => Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({ path: c.node.path, id, reason }))),
    );
    expect(acks.length).toBeGreaterThan(0);
    for (const a of acks) {
      expect(a.id, a.path).toMatch(/AwsSolutions-[A-Z]+\d+/);
      expect(a.reason.length, `${a.path} ${a.id}`).toBeGreaterThan(40);
    }
    // The accepted rules, nothing else. A new kind of acknowledgement must be reviewed here.
    const rules = [...new Set(acks.map((a) => a.id.replace(/^annotation::/i, '').replace(/\[.*$/, '')))].sort();
    expect(rules).toEqual([
      'AwsSolutions-APIG4', 'AwsSolutions-CFR1', 'AwsSolutions-CFR2', 'AwsSolutions-CFR4', 'AwsSolutions-IAM4',
      'AwsSolutions-IAM5', 'AwsSolutions-L1', 'AwsSolutions-S1', 'AwsSolutions-SMG4', 'AwsSolutions-SQS3',
    ]);
    // IAM4 only for CDK's own BucketDeployment handler (the portal's roles have no managed policy).
    expect(acks.filter((a) => a.id.includes('AwsSolutions-IAM4')).map((a) => a.path)).toEqual([expect.stringMatching(/^DvcWeb\/Custom::CDKBucketDeployment/)]);
    // IAM5 only for exact findings, never for the whole rule.
    expect(acks.filter((a) => /IAM5$/.test(a.id))).toEqual([]);
  });

  it('synthesis fails on an unacknowledged finding (the check is not vacuous)', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'dvc-cdk-probe-'));
    try {
      const app = createApp({ outdir, context: { 'aws:cdk:bundling-stacks': [] } });
      new sqs.Queue(new Stack(app, 'DvcNagProbe'), 'Naked');
      addNagChecks(app);
      expect(() => app.synth()).toThrow(/AwsSolutions-SQS3/);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
