// EventBridge Scheduler schedules for the declared jobs, evaluated in the declared time zone
// (Asia/Ho_Chi_Minh). Each schedule has its own role that may invoke only its function.
import { Duration, Stack, Tags, Validations, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { PlatformDecl } from '../../shared/platform';
import type { PortalConfig } from '../config';
import { pascal, scheduleExpression, TAG } from '../names';

export interface JobsStackProps extends StackProps {
  platform: PlatformDecl;
  config: PortalConfig;
  functions: ReadonlyMap<string, lambda.IFunction>;
}

export class JobsStack extends Stack {
  /**
   * Receives invocations Scheduler could not deliver. Created even before any schedule is
   * declared, so the stack is never empty (CloudFormation rejects empty templates).
   */
  readonly dlq: sqs.Queue;
  readonly schedules = new Map<string, scheduler.CfnSchedule>();

  constructor(scope: Construct, id: string, props: JobsStackProps) {
    super(scope, id, props);
    const { platform, config } = props;
    const dlq = new sqs.Queue(this, 'ScheduleDlq', {
      queueName: `${config.namePrefix}-schedules-dlq`,
      // SSE-SQS: Scheduler delivers with the schedule role; no key policy to keep in step.
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(dlq).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter queue of the EventBridge Scheduler targets.',
    });
    this.dlq = dlq;

    for (const s of platform.schedules) {
      const fn = props.functions.get(s.fn);
      if (!fn) throw new Error(`Schedule ${s.name} refers to function ${s.fn}, which the platform does not declare`);
      const role = new iam.Role(this, `Schedule${pascal(s.name)}Role`, {
        assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
          conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
        }),
        description: `EventBridge Scheduler: ${s.name} invokes ${s.fn}`,
      });
      role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [fn.functionArn] }));
      dlq.grantSendMessages(role);

      const schedule = new scheduler.CfnSchedule(this, `Schedule${pascal(s.name)}`, {
        name: `${config.namePrefix}-${s.name}`,
        description: s.description,
        scheduleExpression: scheduleExpression(s.cron),
        scheduleExpressionTimezone: s.timezone,
        flexibleTimeWindow: { mode: 'OFF' },
        state: 'ENABLED',
        target: {
          arn: fn.functionArn,
          roleArn: role.roleArn,
          input: JSON.stringify(s.input),
          retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 3600 },
          deadLetterConfig: { arn: dlq.queueArn },
        },
      });
      Tags.of(role).add(TAG.schedule, s.name);
      this.schedules.set(s.name, schedule);
    }
  }
}
