// The Cognito user pool, built from the one declaration the local runtime (cognito-local) also
// reads: groups, custom attributes, password policy, the two clients, and the custom
// authentication triggers of the VNeID sign-in (docs/requirements.md R-CAP-IDENTITY, docs/identity.md).
import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import { machineClients, userPool as declared, type PlatformDecl } from '../../shared/platform';
import type { PortalConfig } from '../config';
import { CapabilityFunction } from '../constructs/capability-function';
import { settingsOf } from './api-stack';
import { pascal } from '../names';
import { REPO_ROOT } from '../paths';
import type { DataStack } from './data-stack';

export interface IdentityStackProps extends StackProps {
  config: PortalConfig;
  platform: PlatformDecl;
  /** The declared secrets the trigger function reads (the sign-in proof key). */
  data: Pick<DataStack, 'secrets'>;
}

/** Token validity and client shape shared by the two clients. */
type ClientDecl = typeof declared.webClient | typeof declared.staffClient;

/** Lower number wins when a user is in several groups (the token lists them all either way). */
const PRECEDENCE: Record<string, number> = { admin: 0, official: 10, business: 20, citizen: 30 };

export class IdentityStack extends Stack {
  readonly userPool: cognito.UserPool;
  readonly webClient: cognito.UserPoolClient;
  /** Where agency systems get client-credentials tokens (docs/identity.md). */
  readonly tokenUrl: string;
  readonly staffClient: cognito.UserPoolClient;
  readonly authChallenge: CapabilityFunction;

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
      // Officials and admins sign in with a password: MFA (TOTP) is required. Citizens and
      // businesses have no password; their custom sign-in is answered by the identity function
      // after VNeID, whose own authentication (e-ID level) is their factor (docs/identity.md).
      mfa: declared.mfa.aws === 'ON' ? cognito.Mfa.REQUIRED : cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      // Threat protection (compromised credentials, adaptive authentication) needs the Plus plan.
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      deletionProtection: config.retainData,
      removalPolicy: config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    // The Define, Create and Verify auth challenge triggers: one declared function, built here
    // next to the pool (a trigger in the API stack would make the two stacks refer to each other).
    const triggerDecl = props.platform.functions.find((f) => f.name === declared.authChallengeFunction);
    if (!triggerDecl?.userPoolTrigger) throw new Error(`The platform declares no user-pool trigger function "${declared.authChallengeFunction}"`);
    this.authChallenge = new CapabilityFunction(this, `Fn${pascal(triggerDecl.name)}`, {
      decl: triggerDecl,
      repoRoot: REPO_ROOT,
      // The deployment's settings, not the pool's own ids: the pool refers to the function (its
      // triggers), so the function cannot refer back to the pool.
      settings: settingsOf(props.config),
      tables: new Map(),
      buckets: new Map(),
      queues: new Map(),
      deadLetterQueues: new Map(),
      secrets: props.data.secrets,
      secretDecls: props.platform.secrets,
    });
    Validations.of(this.authChallenge.fn).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'docs/requirements.md R-DEPLOY-FUNCTIONS fixes the runtime at nodejs22.x (the Node.js LTS the code and its local runtime are tested on); moving to a newer runtime is a change of requirements.',
    });
    this.userPool.addTrigger(cognito.UserPoolOperation.DEFINE_AUTH_CHALLENGE, this.authChallenge.fn);
    this.userPool.addTrigger(cognito.UserPoolOperation.CREATE_AUTH_CHALLENGE, this.authChallenge.fn);
    this.userPool.addTrigger(cognito.UserPoolOperation.VERIFY_AUTH_CHALLENGE_RESPONSE, this.authChallenge.fn);

    for (const group of declared.groups) {
      this.userPool.addGroup(`Group${pascal(group)}`, {
        groupName: group,
        precedence: PRECEDENCE[group],
        description: `dvc-portal ${group}`,
      });
    }

    const writable = declared.customAttributes.filter((a) => a.userWritable).map((a) => a.name);
    const addClient = (id: string, decl: ClientDecl) => {
      const flows: readonly string[] = decl.authFlows;
      return this.userPool.addClient(id, {
        userPoolClientName: decl.name,
        generateSecret: false,
        authFlows: {
          custom: flows.includes('CUSTOM_AUTH'),
          userSrp: flows.includes('USER_SRP_AUTH'),
          userPassword: flows.includes('USER_PASSWORD_AUTH'),
        },
        // The SPA signs in through the portal's API (VNeID) or the SDK, not the hosted UI.
        disableOAuth: true,
        idTokenValidity: Duration.minutes(decl.idTokenValidityMinutes),
        accessTokenValidity: Duration.minutes(decl.idTokenValidityMinutes),
        refreshTokenValidity: Duration.days(decl.refreshTokenValidityDays),
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
    };
    // Citizens and businesses: CUSTOM_AUTH (answered by the identity function only) and refresh.
    this.webClient = addClient('WebClient', declared.webClient);
    // Officials and admins: password (SRP or plain over TLS) with the pool's required MFA, and refresh.
    this.staffClient = addClient('StaffClient', declared.staffClient);

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
    new CfnOutput(this, 'UserPoolStaffClientId', { value: this.staffClient.userPoolClientId });
  }
}
