// A scratch directory for a runtime's persistent state (DynamoDB Local's database file, stream
// checkpoints). In memory (/dev/shm) where the machine has it: DynamoDB Local commits every write
// to SQLite with a sync to disk, which doubled a seeding `npm start` here (41 s on disk, 21 s in
// memory) without making the test say more; what these tests check is that state outlives a
// process (a restart, a SIGKILL), and a tmpfs keeps it across those as a disk does.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const scratchStateDir = (prefix: string) =>
  mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), prefix));
