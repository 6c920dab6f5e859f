// The user pool's custom authentication triggers (shared/platform/functions.ts `auth-challenge`),
// one handler for the three: Define decides the sequence (one custom challenge, tokens only after
// it was answered right, and only for a VNeID-verified account), Create issues the challenge,
// Verify accepts only a live proof the identity function signed for this very username
// (domain/sign-in-proof.ts). Cognito invokes it in AWS; the local runtime invokes it for
// cognito-local (docs/identity.md).
import type {
  CreateAuthChallengeTriggerEvent, DefineAuthChallengeTriggerEvent, VerifyAuthChallengeResponseTriggerEvent,
} from 'aws-lambda';
import { secretValue } from '../../shared/aws/secrets';
import { secretEnvVar } from '../../shared/platform/secrets';
import { checkProof } from './domain/sign-in-proof';

type ChallengeEvent = DefineAuthChallengeTriggerEvent | CreateAuthChallengeTriggerEvent | VerifyAuthChallengeResponseTriggerEvent;

/** The one challenge of a VNeID sign-in. */
export const PROOF_CHALLENGE = 'VNEID_SIGN_IN_PROOF';

export const defineChallenge = (event: DefineAuthChallengeTriggerEvent): DefineAuthChallengeTriggerEvent => {
  const session = event.request.session ?? [];
  const last = session.at(-1);
  const verified = event.request.userAttributes?.['custom:vneid_verified'] === 'true';
  const fail = () => ({ ...event, response: { challengeName: '', issueTokens: false, failAuthentication: true } });
  // Only VNeID accounts sign in this way, and never after a password step or a second try.
  if (!verified || event.request.userNotFound) return fail();
  if (session.length === 0) return { ...event, response: { challengeName: 'CUSTOM_CHALLENGE', issueTokens: false, failAuthentication: false } };
  if (session.length === 1 && last?.challengeName === 'CUSTOM_CHALLENGE' && last.challengeResult === true && last.challengeMetadata === PROOF_CHALLENGE) {
    return { ...event, response: { challengeName: '', issueTokens: true, failAuthentication: false } };
  }
  return fail();
};

export const createChallenge = (event: CreateAuthChallengeTriggerEvent): CreateAuthChallengeTriggerEvent => ({
  ...event,
  response: { publicChallengeParameters: { kind: PROOF_CHALLENGE }, privateChallengeParameters: { kind: PROOF_CHALLENGE }, challengeMetadata: PROOF_CHALLENGE },
});

export const verifyChallenge = (event: VerifyAuthChallengeResponseTriggerEvent, key: string, now = new Date()): VerifyAuthChallengeResponseTriggerEvent => ({
  ...event,
  response: { answerCorrect: checkProof(key, event.userName, String(event.request.challengeAnswer ?? ''), now).ok },
});

export const handler = async (event: ChallengeEvent): Promise<ChallengeEvent> => {
  switch (event.triggerSource) {
    case 'DefineAuthChallenge_Authentication': return defineChallenge(event as DefineAuthChallengeTriggerEvent);
    case 'CreateAuthChallenge_Authentication': return createChallenge(event as CreateAuthChallengeTriggerEvent);
    case 'VerifyAuthChallengeResponse_Authentication':
      return verifyChallenge(event as VerifyAuthChallengeResponseTriggerEvent, await secretValue(secretEnvVar('sign-in-proof-key')));
    default: throw new Error(`auth-challenge: unexpected trigger ${(event as { triggerSource: string }).triggerSource}`);
  }
};
