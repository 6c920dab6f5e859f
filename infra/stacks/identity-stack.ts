// The Cognito user pool, built from the one declaration the local runtime (cognito-local) also
// reads: groups, custom attributes, password policy and the web client (docs/requirements.md
// R-CAP-IDENTITY).
import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import { machineClients, userPool as declared } from '../../shared/platform';
import type { PortalConfig } from '../config';
import { pascal } from '../names';

export interface IdentityStackProps extends StackProps {
  config: PortalConfig;
}

/** Lower number wins when a user is in several groups (the token lists them all either way). */
const PRECEDENCE: Record<string, number> = { admin: 0, official: 10, business: 20, citizen: 30 };

export class IdentityStack extends Stack {
  readonly userPool: cognito.UserPool;
  readonly webClient: cognito.UserPoolClient;
  /** Where agency systems get client-credentials tokens (docs/identity.md). */
  readonly tokenUrl: string;

  constructor(scope: Construct, id: string, props: IdentityStackProps) {
    super(scope, id, props);
    const { config } = props;

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: config.stage ? `${declared.name}-${config.stage}` : declared.name,
      // Accounts are created by the portal (VNeID-verified registration, agency onboarding),
      // never by anonymous self sign-up straight into Cognito.
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: {
        email: { required: false, mutable: true },
        phoneNumber: { required: false, mutable: true },
        fullname: { required: false, mutable: true },
      },
      // Tokens carry these as `custom:<name>` (shared/auth/principal.ts CLAIMS). Mutable so the
      // portal (admin API) can update them; the web client cannot write them (see writeAttributes).
      customAttributes: Object.fromEntries(
        declared.customAttributes.map((a) => [
          a.name,
          new cognito.StringAttribute({ minLen: a.minLength, maxLen: a.maxLength, mutable: true }),
        ]),
      ),
      passwordPolicy: {
        minLength: declared.passwordPolicy.minLength,
        requireLowercase: declared.passwordPolicy.requireLowercase,
        requireUppercase: declared.passwordPolicy.requireUppercase,
        requireDigits: declared.passwordPolicy.requireDigits,
        requireSymbols: declared.passwordPolicy.requireSymbols,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      // Threat protection (compromised credentials, adaptive authentication) needs the Plus plan.
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      deletionProtection: config.retainData,
      removalPolicy: config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    Validations.of(this.userPool).acknowledge({
        id: 'AwsSolutions-COG2',
        reason:
          'Citizens and businesses sign in to a national public portal, many from shared or basic phones; ' +
          'MFA is OPTIONAL (TOTP) and threat protection in FULL_FUNCTION mode (Plus plan) enforces ' +
          'adaptive MFA on risky sign-ins. Officials and admins are required to enrol TOTP by the portal.',
    });

    for (const group of declared.groups) {
      this.userPool.addGroup(`Group${pascal(group)}`, {
        groupName: group,
        precedence: PRECEDENCE[group],
        description: `dvc-portal ${group}`,
      });
    }

    const writable = declared.customAttributes.filter((a) => a.userWritable).map((a) => a.name);
    this.webClient = this.userPool.addClient('WebClient', {
      userPoolClientName: declared.webClient.name,
      generateSecret: false,
      authFlows: {
        userSrp: declared.webClient.authFlows.includes('USER_SRP_AUTH'),
        userPassword: declared.webClient.authFlows.includes('USER_PASSWORD_AUTH'),
      },
      // The SPA signs in with the SDK, not the hosted UI.
      disableOAuth: true,
      idTokenValidity: Duration.minutes(declared.webClient.idTokenValidityMinutes),
      accessTokenValidity: Duration.minutes(declared.webClient.idTokenValidityMinutes),
      refreshTokenValidity: Duration.days(declared.webClient.refreshTokenValidityDays),
      enableTokenRevocation: true,
      preventUserExistenceErrors: true,
      readAttributes: new cognito.ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, phoneNumber: true, phoneNumberVerified: true, fullname: true })
        .withCustomAttributes(...declared.customAttributes.map((a) => a.name)),
      // Identity and scope attributes are set by the portal only: users never write them.
      writeAttributes: new cognito.ClientAttributes()
        .withStandardAttributes({ email: true, phoneNumber: true, fullname: true })
        .withCustomAttributes(...writable),
    });

    // Machine authentication of agency systems (docs/identity.md "Client-credentials tokens"): the
    // resource server whose scopes tokens carry, and the domain whose /oauth2/token issues them.
    // The app clients, one per agency system, are made by the identity function when an admin
    // registers a system (cognitoActions of its declaration, this pool only).
    new cognito.UserPoolResourceServer(this, 'AgencyResourceServer', {
      userPool: this.userPool,
      identifier: machineClients.resourceServer,
      userPoolResourceServerName: machineClients.resourceServerName,
      scopes: machineClients.scopes.map((s) => new cognito.ResourceServerScope({ scopeName: s.name, scopeDescription: s.description })),
    });
    const domain = this.userPool.addDomain('AgencyTokenDomain', {
      cognitoDomain: { domainPrefix: config.stage ? `${machineClients.domainPrefix}-${config.stage}` : machineClients.domainPrefix },
    });
    this.tokenUrl = `${domain.baseUrl()}/oauth2/token`;

    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'AgencyTokenUrl', { value: this.tokenUrl });
    new CfnOutput(this, 'UserPoolClientId', { value: this.webClient.userPoolClientId });
  }
}
