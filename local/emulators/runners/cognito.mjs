// Runs cognito-local on loopback with its JSON store in `directory`. This mirrors the package's
// createDefaultServer, which hard-codes ./.cognito under the working directory and an issuer of
// http://localhost:9229, with our directory, port and issuer instead.
import { createRequire } from 'node:module';
import { closeHttpServer, fail, onShutdown, ready, settings } from './common.mjs';

const { port, directory } = settings();

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
const { createServer } = require('cognito-local/lib/server/server');

const issuerDomain = `http://127.0.0.1:${port}`;
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
    tokenGenerator: new JwtTokenGenerator(clock, triggers, config.TokenConfig),
    triggers,
  };
  const server = await createServer(Router(serviceSet), logger, config.ServerConfig, serviceSet).start();
  onShutdown(() => closeHttpServer(server));
  ready();
} catch (error) {
  fail(error);
}
