// The identity function as the Lambda runtime returns it to API Gateway: the handler's result
// serialised to JSON (so header values that are `undefined` disappear, as they do in AWS).
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { handler as identity } from '../../functions/identity/handler';

export const handler = async (event: APIGatewayProxyEventV2, context: Context) =>
  JSON.parse(JSON.stringify(await identity(event, context)));
