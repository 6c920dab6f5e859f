// Demo accounts of the local runtime (docs/requirements.md R-LOCAL-SEED). Local only: no deployed stack creates them.
// Officials and admins sign in with DEMO_PASSWORD. The demo citizen and business have no password:
// they sign in through the VNeID sandbox (local/demo-sign-in.ts, login_hint = `vneidLoginHint`);
// their accounts are pre-created here under the username a VNeID sign-in gives them, only so they
// carry a verified e-mail for the notification demos (the sign-in updates everything else).
import {
  AdminAddUserToGroupCommand, AdminCreateUserCommand, AdminGetUserCommand, AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient, UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Group } from '../../shared/platform';

/** Officials' and admins' password (citizens and businesses have none). */
export const DEMO_PASSWORD = 'Demo@2026!';

export interface DemoAccount {
  /** The name scripts and tests call the account by (the Cognito username of officials and admins). */
  username: string;
  /** The Cognito username: a VNeID account's is derived from its ID number or enterprise code. */
  cognitoUsername: string;
  group: Group;
  name: string;
  email: string;
  attributes: Record<string, string>;
  /** Citizens and businesses: the ID number or enterprise code they sign in with at VNeID. */
  vneidLoginHint?: string;
  scopeNote: string;
}

// The usernames a VNeID sign-in gives (functions/identity/domain/vneid-account.ts `usernameOf`;
// test/auth/tokens.test.ts checks the sign-in lands on these accounts).
const vneidCitizen = (idNumber: string) => `vneid-${idNumber}`;
const vneidBusiness = (enterpriseCode: string) => `vneid-org-${enterpriseCode}`;

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    username: 'citizen.demo', cognitoUsername: vneidCitizen('001099012345'), group: 'citizen', name: 'Nguyễn Văn An', email: 'citizen.demo@example.vn',
    attributes: { 'custom:id_number': '001099012345', 'custom:vneid_verified': 'true', 'custom:eid_level': '2' },
    vneidLoginHint: '001099012345',
    scopeNote: 'VNeID ID number 001099012345 (no password: sign in with VNeID)',
  },
  {
    username: 'business.demo', cognitoUsername: vneidBusiness('0101234567'), group: 'business', name: 'Công ty TNHH Demo Việt', email: 'business.demo@example.vn',
    attributes: { 'custom:enterprise_code': '0101234567', 'custom:vneid_verified': 'true', 'custom:eid_level': '2' },
    vneidLoginHint: '0101234567',
    scopeNote: 'VNeID enterprise code 0101234567 (no password: sign in with VNeID)',
  },
  {
    username: 'official.hanoi', cognitoUsername: 'official.hanoi', group: 'official', name: 'Trần Thị Bình', email: 'official.hanoi@example.vn',
    // A province's People's Committee code covers the province and its communes.
    attributes: { 'custom:agency_scope': '000.00.00.H26' },
    scopeNote: 'every agency of Hà Nội (000.00.00.H26 and its communes)',
  },
  {
    username: 'official.hue', cognitoUsername: 'official.hue', group: 'official', name: 'Lê Văn Cường', email: 'official.hue@example.vn',
    attributes: { 'custom:agency_scope': '000.00.00.H57' },
    scopeNote: 'every agency of Huế city (000.00.00.H57 and its communes)',
  },
  {
    username: 'admin.demo', cognitoUsername: 'admin.demo', group: 'admin', name: 'Quản trị viên', email: 'admin.demo@example.vn',
    attributes: {},
    scopeNote: 'everything',
  },
];

/** The demo account called `username` (citizen.demo, official.hanoi, ...). */
export const demoAccount = (username: string): DemoAccount | undefined => DEMO_ACCOUNTS.find((a) => a.username === username);

/** Creates the demo users if missing (VNeID ones without a password); safe to run on every start. */
export const seedDemoAccounts = async (userPoolId: string) => {
  const idp = new CognitoIdentityProviderClient({});
  try {
    for (const account of DEMO_ACCOUNTS) {
      try {
        await idp.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: account.cognitoUsername }));
        continue;
      } catch (e) {
        if (!(e instanceof UserNotFoundException) && (e as Error).name !== 'UserNotFoundException') throw e;
      }
      await idp.send(new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: account.cognitoUsername,
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'name', Value: account.name },
          { Name: 'email', Value: account.email },
          { Name: 'email_verified', Value: 'true' },
          ...Object.entries(account.attributes).map(([Name, Value]) => ({ Name, Value })),
        ],
      }));
      if (!account.vneidLoginHint) {
        await idp.send(new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: account.cognitoUsername, Password: DEMO_PASSWORD, Permanent: true }));
      }
      await idp.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: account.cognitoUsername, GroupName: account.group }));
    }
  } finally {
    idp.destroy();
  }
};
