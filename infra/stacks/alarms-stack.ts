// Alarms on what must never happen silently: a message in any DLQ, a 5xx from the API
// (docs/requirements.md R-REL-NO-5XX: no client request produces one), a function error or
// throttle, a corrupt stored record a reader skipped (docs/operations.md "Corrupt records").
import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { CORRUPT_RECORDS_METRIC } from '../../shared/platform/metrics';
import type { PortalConfig } from '../config';
import { pascal } from '../names';

export interface AlarmsStackProps extends StackProps {
  config: PortalConfig;
  /** Every dead-letter queue, by a readable name. */
  dlqs: ReadonlyMap<string, sqs.IQueue>;
  functions: ReadonlyMap<string, lambda.IFunction>;
  /** Stream consumers by function name: the iterator age, in seconds, above which they fall behind. */
  iteratorAgeLimits: ReadonlyMap<string, number>;
  api: apigw.IHttpApi;
}

export class AlarmsStack extends Stack {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: AlarmsStackProps) {
    super(scope, id, props);

    const key = new kms.Key(this, 'AlarmTopicKey', {
      description: 'dvc-portal alarm topic',
      enableKeyRotation: true,
    });
    // CloudWatch publishes alarm notifications to the encrypted topic.
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );
    this.topic = new sns.Topic(this, 'AlarmTopic', {
      displayName: 'dvc-portal alarms',
      masterKey: key,
      enforceSSL: true,
    });
    if (props.config.alarmEmail) this.topic.addSubscription(new subscriptions.EmailSubscription(props.config.alarmEmail));
    const action = new actions.SnsAction(this.topic);

    const alarm = (id: string, metric: cloudwatch.IMetric, description: string, threshold = 0) => {
      const a = new cloudwatch.Alarm(this, id, {
        metric,
        threshold,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      a.addAlarmAction(action);
      a.addOkAction(action);
      this.alarms.push(a);
    };

    for (const [name, dlq] of props.dlqs) {
      alarm(
        `Dlq${pascal(name)}Depth`,
        dlq.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: cloudwatch.Stats.MAXIMUM }),
        `Messages in the DLQ of ${name}: inspect and replay.`,
      );
    }
    alarm(
      'Api5xx',
      props.api.metricServerError({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
      'The API answered 5xx: no client request may produce one (docs/requirements.md R-REL-NO-5XX).',
    );
    for (const [name, fn] of props.functions) {
      alarm(`Fn${pascal(name)}Errors`, fn.metricErrors({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }), `Function ${name} failed.`);
      alarm(`Fn${pascal(name)}Throttles`, fn.metricThrottles({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }), `Function ${name} was throttled.`);
      // Published by the function's own log lines (embedded metric format), dimension service = its name.
      alarm(
        `Fn${pascal(name)}CorruptRecords`,
        new cloudwatch.Metric({
          namespace: CORRUPT_RECORDS_METRIC.namespace,
          metricName: CORRUPT_RECORDS_METRIC.name,
          dimensionsMap: { [CORRUPT_RECORDS_METRIC.dimension]: name },
          period: Duration.minutes(5),
          statistic: cloudwatch.Stats.SUM,
        }),
        `Function ${name} skipped a corrupt stored record: find "Corrupt record skipped" in its log and repair the record.`,
      );
    }

    for (const [name, seconds] of props.iteratorAgeLimits) {
      const fn = props.functions.get(name);
      if (!fn) throw new Error(`Iterator-age alarm: no function ${name}`);
      alarm(
        `Fn${pascal(name)}IteratorAge`,
        fn.metric('IteratorAge', { period: Duration.minutes(1), statistic: cloudwatch.Stats.MAXIMUM }),
        `Function ${name} is more than ${seconds} s behind its stream: see docs/operations.md "Stream fan-out".`,
        seconds * 1000, // the metric is in milliseconds
      );
    }

    new CfnOutput(this, 'AlarmTopicArn', { value: this.topic.topicArn });
  }
}
