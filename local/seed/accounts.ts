// Demo accounts of the local runtime (docs/requirements.md R-LOCAL-SEED). Local only: no deployed stack creates them.
import {
  AdminAddUserToGroupCommand, AdminCreateUserCommand, AdminGetUserCommand, AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient, UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Group } from '../../shared/platform';

export const DEMO_PASSWORD = 'Demo@2026!';

export interface DemoAccount {
  username: string;
  group: Group;
  name: string;
  email: string;
  attributes: Record<string, string>;
  scopeNote: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    username: 'citizen.demo', group: 'citizen', name: 'Nguyễn Văn An', email: 'citizen.demo@example.vn',
    attributes: { 'custom:id_number': '001099012345', 'custom:vneid_verified': 'true' },
    scopeNote: 'ID number 001099012345, VNeID-verified',
  },
  {
    username: 'business.demo', group: 'business', name: 'Công ty TNHH Demo Việt', email: 'business.demo@example.vn',
    attributes: { 'custom:enterprise_code': '0101234567', 'custom:vneid_verified': 'false' },
    scopeNote: 'enterprise code 0101234567',
  },
  {
    username: 'official.hanoi', group: 'official', name: 'Trần Thị Bình', email: 'official.hanoi@example.vn',
    // A province's People's Committee code covers the province and its communes.
    attributes: { 'custom:agency_scope': '000.00.00.H26' },
    scopeNote: 'every agency of Hà Nội (000.00.00.H26 and its communes)',
  },
  {
    username: 'official.hue', group: 'official', name: 'Lê Văn Cường', email: 'official.hue@example.vn',
    attributes: { 'custom:agency_scope': '000.00.00.H57' },
    scopeNote: 'every agency of Huế city (000.00.00.H57 and its communes)',
  },
  {
    username: 'admin.demo', group: 'admin', name: 'Quản trị viên', email: 'admin.demo@example.vn',
    attributes: {},
    scopeNote: 'everything',
  },
];

/** Creates the demo users if missing; safe to run on every start. */
export const seedDemoAccounts = async (userPoolId: string) => {
  const idp = new CognitoIdentityProviderClient({});
  try {
    for (const account of DEMO_ACCOUNTS) {
      try {
        await idp.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: account.username }));
        continue;
      } catch (e) {
        if (!(e instanceof UserNotFoundException) && (e as Error).name !== 'UserNotFoundException') throw e;
      }
      await idp.send(new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: account.username,
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'name', Value: account.name },
          { Name: 'email', Value: account.email },
          { Name: 'email_verified', Value: 'true' },
          ...Object.entries(account.attributes).map(([Name, Value]) => ({ Name, Value })),
        ],
      }));
      await idp.send(new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: account.username, Password: DEMO_PASSWORD, Permanent: true }));
      await idp.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: account.username, GroupName: account.group }));
    }
  } finally {
    idp.destroy();
  }
};
