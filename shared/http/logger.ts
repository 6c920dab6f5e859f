// One structured logger for every function. Request bodies, tokens and claims are never logged:
// personal data (ID numbers, phones, e-mails) lives there.
import { Logger } from '@aws-lambda-powertools/logger';
import { readEnv } from '../config';

export const logger = new Logger({
  serviceName: readEnv('POWERTOOLS_SERVICE_NAME'),
  logLevel: readEnv('LOG_LEVEL') as 'INFO' | 'DEBUG' | 'WARN' | 'ERROR',
});
