// Runs cognito-local on loopback with its JSON store in `directory`. This mirrors the package's
// createDefaultServer, which hard-codes ./.cognito under the working directory and an issuer of
// http://localhost:9229, with our directory, port and issuer instead. What cognito-local lacks
// (the custom authentication flow and its triggers, the clients' allowed flows; a password
// sign-in's challenges: new password, TOTP enrolment and codes) is added in front of its router by
// cognito-custom-auth.mjs and cognito-sign-in-challenges.mjs.
import { createRequire } from 'node:module';
import { closeHttpServer, fail, onShutdown, ready, settings } from './common.mjs';
import { customAuthTargets } from './cognito-custom-auth.mjs';
import { signInChallengeTargets } from './cognito-sign-in-challenges.mjs';

/** `authChallengeUrl`: where the local runtime invokes the user pool's auth challenge trigger function. */
const { port, directory, authChallengeUrl } = settings();

const require = createRequire(createRequire(import.meta.url).resolve('cognito-local'));
const AWS = require('aws-sdk');
const pino = require('pino');
const services = require('cognito-local/lib/services');
const { CognitoServiceFactoryImpl } = require('cognito-local/lib/services/cognitoService');
const { CryptoService } = require('cognito-local/lib/services/crypto');
const { StormDBDataStoreFactory } = require('cognito-local/lib/services/dataStore/stormDb');
const { ConsoleMessageSender } = require('cognito-local/lib/services/messageDelivery/consoleMessageSender');
const { MessageDeliveryService } = require('cognito-local/lib/services/messageDelivery/messageDelivery');
const { otp } = require('cognito-local/lib/services/otp');
const { JwtTokenGenerator } = require('cognito-local/lib/services/tokenGenerator');
const { UserPoolServiceFactoryImpl } = require('cognito-local/lib/services/userPoolService');
const { DefaultConfig } = require('cognito-local/lib/server/config');
const { Router } = require('cognito-local/lib/server/Router');
const errors = require('cognito-local/lib/errors');
const { createServer } = require('cognito-local/lib/server/server');

const issuerDomain = `http://127.0.0.1:${port}`;

/**
 * AWS puts the user's standard attributes the client may read (name, phone number) in ID tokens;
 * cognito-local's token generator writes only e-mail and the custom attributes. Its one hook for
 * more claims is the pre-token-generation trigger: this stands in for it (no Lambda, no pool
 * setting), so the API receives the same claims as in AWS (docs/identity.md).
 */
const STANDARD_CLAIMS = ['name', 'phone_number'];
const withStandardClaims = (triggers) => ({
  enabled: (name) => name === 'PreTokenGeneration' || triggers.enabled(name),
  preTokenGeneration: async (_ctx, request) => {
    const attributes = Object.fromEntries((request.userAttributes ?? []).map((a) => [a.Name, a.Value]));
    const added = Object.fromEntries(STANDARD_CLAIMS.filter((n) => attributes[n] !== undefined).map((n) => [n, attributes[n]]));
    if (attributes.phone_number !== undefined) added.phone_number_verified = attributes.phone_number_verified === 'true';
    return { claimsOverrideDetails: { claimsToAddOrOverride: added } };
  },
});
const config = {
  LambdaClient: DefaultConfig.LambdaClient,
  KMSConfig: DefaultConfig.KMSConfig,
  TriggerFunctions: {},
  // cognito-local defaults new pools to UsernameAttributes ["email"]; AWS (and the CDK pool,
  // which signs in by username) default to none.
  UserPoolDefaults: {},
  TokenConfig: { IssuerDomain: issuerDomain },
  ServerConfig: { port, hostname: '127.0.0.1', development: false, https: false },
};

try {
  const logger = pino({ level: process.env.COGNITO_LOCAL_LOG_LEVEL ?? 'warn' });
  const ctx = { logger };
  const clock = new services.DateClock();
  const dataStoreFactory = new StormDBDataStoreFactory(directory);
  const cognitoServiceFactory = new CognitoServiceFactoryImpl(
    directory,
    dataStoreFactory,
    new UserPoolServiceFactoryImpl(clock, dataStoreFactory),
  );
  const cognitoClient = await cognitoServiceFactory.create(ctx, config.UserPoolDefaults);
  const triggers = new services.TriggersService(
    clock,
    cognitoClient,
    new services.LambdaService(config.TriggerFunctions, new AWS.Lambda(config.LambdaClient)),
    new CryptoService(config.KMSConfig),
  );
  const serviceSet = {
    clock,
    cognito: cognitoClient,
    config,
    messages: new services.MessagesService(triggers, new MessageDeliveryService(new ConsoleMessageSender())),
    otp,
    tokenGenerator: new JwtTokenGenerator(clock, withStandardClaims(triggers), config.TokenConfig),
    triggers,
  };
  const router = Router(serviceSet);
  // Layers in front of cognito-local's router, outermost first: each target a layer replaces gets
  // the next layer's (or cognito-local's) handling of it as its fallback.
  const layers = [
    customAuthTargets({ services: serviceSet, errors, triggerUrl: authChallengeUrl }),
    signInChallengeTargets({ services: serviceSet, errors }),
  ];
  const routes = (target) => layers.reduceRight((next, layer) => {
    const own = layer[target];
    return own ? (ctx, req) => own(ctx, req, next) : next;
  }, router(target));
  const server = await createServer(routes, logger, config.ServerConfig, serviceSet).start();
  onShutdown(() => closeHttpServer(server));
  ready();
} catch (error) {
  fail(error);
}
