// The custom authentication triggers as Cognito calls them (event shapes of the Lambda developer
// guide): only a VNeID account, one challenge, answered with a live proof for the same username.
import type { DefineAuthChallengeTriggerEvent, VerifyAuthChallengeResponseTriggerEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { PROOF_CHALLENGE, createChallenge, defineChallenge, verifyChallenge } from './auth-challenge';
import { makeProof } from './domain/sign-in-proof';

const base = {
  version: '1', region: 'ap-southeast-1', userPoolId: 'pool', userName: 'vneid-001099012345',
  callerContext: { awsSdkVersion: 'x', clientId: 'web' },
};
type Session = DefineAuthChallengeTriggerEvent['request']['session'];
const define = (session: Session, attributes: Record<string, string> = { 'custom:vneid_verified': 'true' }) =>
  defineChallenge({ ...base, triggerSource: 'DefineAuthChallenge_Authentication', request: { userAttributes: attributes, session }, response: {} } as unknown as DefineAuthChallengeTriggerEvent).response;
const answered = (result: boolean) => ({ challengeName: 'CUSTOM_CHALLENGE' as const, challengeResult: result, challengeMetadata: PROOF_CHALLENGE });

describe('DefineAuthChallenge', () => {
  it('asks the one custom challenge, then issues tokens only if it was answered right', () => {
    expect(define([])).toEqual({ challengeName: 'CUSTOM_CHALLENGE', issueTokens: false, failAuthentication: false });
    expect(define([answered(true)])).toMatchObject({ issueTokens: true, failAuthentication: false });
    expect(define([answered(false)])).toMatchObject({ issueTokens: false, failAuthentication: true });
  });

  it('gives no second try and accepts no other challenge', () => {
    expect(define([answered(false), answered(true)])).toMatchObject({ issueTokens: false, failAuthentication: true });
    expect(define([{ challengeName: 'PASSWORD_VERIFIER', challengeResult: true }])).toMatchObject({ issueTokens: false, failAuthentication: true });
  });

  it('refuses accounts that are not VNeID-verified (officials, admins)', () => {
    expect(define([], {})).toMatchObject({ failAuthentication: true });
    expect(define([answered(true)], { 'custom:vneid_verified': 'false' })).toMatchObject({ issueTokens: false, failAuthentication: true });
  });
});

describe('CreateAuthChallenge', () => {
  it('names the proof challenge', () => {
    const event = createChallenge({ ...base, triggerSource: 'CreateAuthChallenge_Authentication', request: { userAttributes: {}, challengeName: 'CUSTOM_CHALLENGE', session: [] }, response: {} } as never);
    expect(event.response.challengeMetadata).toBe(PROOF_CHALLENGE);
  });
});

describe('VerifyAuthChallengeResponse', () => {
  const KEY = 'proof-key';
  const verify = (userName: string, answer: string) => verifyChallenge({
    ...base, userName, triggerSource: 'VerifyAuthChallengeResponse_Authentication',
    request: { userAttributes: {}, privateChallengeParameters: {}, challengeAnswer: answer }, response: {},
  } as unknown as VerifyAuthChallengeResponseTriggerEvent, KEY).response.answerCorrect;

  it('accepts a live proof for the same username only', () => {
    expect(verify('vneid-001099012345', makeProof(KEY, 'vneid-001099012345'))).toBe(true);
    expect(verify('vneid-079088001122', makeProof(KEY, 'vneid-001099012345'))).toBe(false);
    expect(verify('vneid-001099012345', 'Demo@2026!')).toBe(false);
  });
});
