// The officials' console's pure rules: the actions offered per status come from the transition
// tables (dossiers and feedback), the action forms' checks, the days-left computation, and the
// transition table staying out of the citizen home's first load.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../local/runtime';
import { ensureWebBuild, webDist } from '../../local/web';
import { DOSSIER_STATUSES } from '../../shared/contracts/dossier-status';
import { TRANSITIONS } from '../../functions/dossiers/public-shapes';
import {
  dossierActionBody, EMPTY_PAGE_READS, feedbackActionField, firstNonEmptyPage, isIrreversible, localDate, offeredDossierActions, officialDossierActions,
  officialFeedbackActions, timeLeft, validateDossierAction, validateFeedbackAction,
} from '../../web/src/official/logic';
import { nextDeadline } from '../../web/src/official/feedback-parts';
import { resultFileProblem, RESULT_MAX_BYTES } from '../../web/src/official/upload';

describe('dossier actions offered to an official', () => {
  it.each([
    ['draft', []],
    ['submitted', ['receive', 'refuse']],
    ['received', ['start', 'issue_apology']],
    ['processing', ['request_supplement', 'request_payment', 'finish', 'stop', 'issue_apology']],
    ['supplement_requested', ['resume', 'issue_apology']],
    ['payment_required', ['issue_apology']],
    ['done', ['return_result']],
    ['returned', []],
    ['not_received', []],
    ['withdrawn', []],
    ['stopped', []],
  ] as const)('%s → %j', (status, actions) => {
    expect(officialDossierActions(status)).toEqual(actions);
  });

  it('never offers what the table does not give an official in that status', () => {
    for (const status of DOSSIER_STATUSES) {
      for (const action of officialDossierActions(status)) {
        const row = TRANSITIONS.find((r) => r.action === action)!;
        expect(row.actors).toContain('official');
        expect(row.from).toContain(status);
      }
    }
    // Applicant's and system's actions are never buttons of the console.
    const everything = DOSSIER_STATUSES.flatMap((s) => officialDossierActions(s));
    for (const never of ['submit', 'supplement', 'withdraw', 'confirm_payment']) expect(everything).not.toContain(never);
  });

  it('narrows to what the API allows the caller now, and keeps the table order', () => {
    expect(offeredDossierActions('processing', ['finish', 'request_supplement'])).toEqual(['request_supplement', 'finish']);
    expect(offeredDossierActions('done', [])).toEqual([]);
    // The API listing an action the table does not allow in this status changes nothing.
    expect(offeredDossierActions('done', ['receive', 'return_result'])).toEqual(['return_result']);
  });

  it('asks for confirmation for the actions that close or finish the dossier', () => {
    expect(['refuse', 'finish', 'stop', 'return_result'].every((a) => isIrreversible(a as never))).toBe(true);
    expect(['receive', 'start', 'request_supplement', 'resume', 'request_payment', 'issue_apology'].some((a) => isIrreversible(a as never))).toBe(false);
  });
});

describe('dossier action forms', () => {
  it('refuse and stop need a reason', () => {
    expect(validateDossierAction('refuse', {})).toEqual({ reason: 'console.error.reasonRequired' });
    expect(validateDossierAction('stop', { reason: '   ' })).toEqual({ reason: 'console.error.reasonRequired' });
    expect(validateDossierAction('refuse', { reason: 'Thiếu bản sao giấy phép' })).toEqual({});
    expect(validateDossierAction('stop', { reason: 'x'.repeat(2001) })).toEqual({ reason: 'console.error.tooLong' });
  });

  it('a supplement request names components of the procedure and says what is needed', () => {
    const ctx = { components: ['TP01', 'TP02'] };
    expect(validateDossierAction('request_supplement', {}, ctx)).toEqual({
      missingComponents: 'console.error.componentsRequired', note: 'console.error.noteRequired',
    });
    expect(validateDossierAction('request_supplement', { missingComponents: ['TP09'], note: 'Bổ sung' }, ctx)).toEqual({ missingComponents: 'console.error.componentsUnknown' });
    expect(validateDossierAction('request_supplement', { missingComponents: ['TP02'], note: 'Bản chụp mờ, đề nghị chụp lại' }, ctx)).toEqual({});
  });

  it('an apology needs a real new date after the appointment in force, and a reason', () => {
    const ctx = { appointmentAt: '2026-12-10T10:00:00.000Z' }; // 10/12/2026 17:00 in Hà Nội
    expect(validateDossierAction('issue_apology', {}, ctx)).toEqual({ newDueDate: 'console.error.dateRequired', reason: 'console.error.reasonRequired' });
    expect(validateDossierAction('issue_apology', { newDueDate: '2026-02-30', reason: 'Chờ xác minh' }, ctx)).toEqual({ newDueDate: 'console.error.dateInvalid' });
    expect(validateDossierAction('issue_apology', { newDueDate: '2026-12-10', reason: 'Chờ xác minh' }, ctx)).toEqual({ newDueDate: 'console.error.dateNotLater' });
    expect(validateDossierAction('issue_apology', { newDueDate: '2026-12-11', reason: 'Chờ xác minh' }, ctx)).toEqual({});
  });

  it('actions with only an optional note accept an empty form', () => {
    for (const a of ['receive', 'start', 'resume', 'request_payment', 'finish', 'return_result'] as const) expect(validateDossierAction(a, {})).toEqual({});
  });

  it('sends only the fields of the action, trimmed, at the version read', () => {
    expect(dossierActionBody('receive', 3, { note: '  ', reason: 'ignored' })).toEqual({ action: 'receive', version: 3 });
    expect(dossierActionBody('finish', 7, { note: ' Đã ký ' })).toEqual({ action: 'finish', version: 7, note: 'Đã ký' });
    expect(dossierActionBody('refuse', 2, { reason: ' Sai thẩm quyền ' })).toEqual({ action: 'refuse', version: 2, reason: 'Sai thẩm quyền' });
    expect(dossierActionBody('request_supplement', 5, { missingComponents: ['TP01', 'TP01'], note: ' Chụp lại ' }))
      .toEqual({ action: 'request_supplement', version: 5, missingComponents: ['TP01'], note: 'Chụp lại' });
    expect(dossierActionBody('issue_apology', 6, { newDueDate: '2026-12-20', reason: ' Chờ xác minh ' }))
      .toEqual({ action: 'issue_apology', version: 6, newDueDate: '2026-12-20', reason: 'Chờ xác minh' });
  });

  it('checks the result file: type, emptiness, size', () => {
    expect(resultFileProblem(null)).toBe('console.error.fileRequired');
    expect(resultFileProblem({ type: 'application/zip', size: 10 })).toBe('console.error.fileType');
    expect(resultFileProblem({ type: 'application/pdf', size: 0 })).toBe('console.error.fileEmpty');
    expect(resultFileProblem({ type: 'image/png', size: RESULT_MAX_BYTES + 1 })).toBe('console.error.fileTooLarge');
    expect(resultFileProblem({ type: 'application/pdf', size: 1200 })).toBeNull();
  });
});

describe('time left', () => {
  const due = '2026-12-10T10:00:00.000Z'; // 17:00 on 10/12 in Hà Nội
  const onTime = { late: false };
  const late = { late: true };

  it('counts local calendar days to the due date', () => {
    expect(timeLeft({ dueDate: due, status: 'processing', late: onTime }, new Date('2026-12-07T02:00:00Z'))).toEqual({ kind: 'left', days: 3 });
    // 23:30 on 9/12 in Hà Nội (16:30 UTC): one local day left, although fewer than 24 hours.
    expect(timeLeft({ dueDate: due, status: 'received', late: onTime }, new Date('2026-12-09T16:30:00Z'))).toEqual({ kind: 'left', days: 1 });
    expect(timeLeft({ dueDate: due, status: 'processing', late: onTime }, new Date('2026-12-10T01:00:00Z'))).toEqual({ kind: 'today' });
  });

  it('is overdue when the API says late: the same day (0) and days later', () => {
    expect(timeLeft({ dueDate: due, status: 'processing', late }, new Date('2026-12-10T10:00:01Z'))).toEqual({ kind: 'overdue', days: 0 });
    expect(timeLeft({ dueDate: due, status: 'payment_required', late }, new Date('2026-12-12T03:00:00Z'))).toEqual({ kind: 'overdue', days: 2 });
    // Finished late, or paused after the due date: overdue, no running count of days.
    expect(timeLeft({ dueDate: due, status: 'done', late }, new Date('2026-12-20T00:00:00Z'))).toEqual({ kind: 'overdue', days: 0 });
    expect(timeLeft({ dueDate: due, status: 'supplement_requested', late }, new Date('2026-12-20T00:00:00Z'))).toEqual({ kind: 'overdue', days: 0 });
  });

  it('never judges lateness itself: a paused dossier past its due date is paused, not overdue (R-DUE-PAUSE)', () => {
    // Supplement requested on 9/12, before the due date; the clock stopped there (the API: not late).
    expect(timeLeft({ dueDate: due, status: 'supplement_requested', late: onTime }, new Date('2026-12-20T00:00:00Z'))).toEqual({ kind: 'paused' });
    // The due instant passed since the page read the dossier: due today, not a verdict of its own.
    expect(timeLeft({ dueDate: due, status: 'processing', late: onTime }, new Date('2026-12-11T00:00:00Z'))).toEqual({ kind: 'today' });
  });

  it('has no time left outside the running statuses or without a due date', () => {
    expect(timeLeft({ dueDate: null, status: 'submitted', late: onTime }, new Date())).toEqual({ kind: 'none' });
    expect(timeLeft({ dueDate: due, status: 'done', late: onTime }, new Date('2026-12-20T00:00:00Z'))).toEqual({ kind: 'none' });
    expect(timeLeft({ dueDate: due, status: 'withdrawn', late: onTime }, new Date('2026-12-20T00:00:00Z'))).toEqual({ kind: 'none' });
    expect(timeLeft({ dueDate: 'not a date', status: 'processing', late: onTime }, new Date())).toEqual({ kind: 'none' });
  });

  it('reads local dates in Asia/Ho_Chi_Minh', () => {
    expect(localDate('2026-12-09T17:00:00Z')).toBe('2026-12-10');
    expect(localDate('2026-12-09T16:59:59Z')).toBe('2026-12-09');
  });
});

describe('feedback actions', () => {
  it.each([
    ['submitted', ['accept', 'reject', 'transfer']],
    ['assigned', ['accept', 'reject', 'transfer']],
    ['accepted', ['transfer', 'request_info', 'answer']],
    ['info_requested', []],
    ['answered', ['publish']],
    ['published', []],
    ['rejected', []],
  ] as const)('an official on %s → %j', (status, actions) => {
    expect(officialFeedbackActions(status)).toEqual(actions);
  });

  it('an administrator may also assign an unrouted item', () => {
    expect(officialFeedbackActions('submitted', 'admin')).toContain('assign');
    expect(officialFeedbackActions('submitted', 'official')).not.toContain('assign');
  });

  it('forms need their one field', () => {
    expect(feedbackActionField('reject')).toBe('reason');
    expect(validateFeedbackAction('accept', {})).toEqual({});
    expect(validateFeedbackAction('reject', { reason: ' ' })).toEqual({ reason: 'console.error.reasonRequired' });
    expect(validateFeedbackAction('request_info', {})).toEqual({ note: 'console.error.noteRequired' });
    expect(validateFeedbackAction('transfer', {})).toEqual({ agencyCode: 'console.error.agencyCodeRequired' });
    expect(validateFeedbackAction('transfer', { agencyCode: '000.00.00.H26' }, '000.00.00.H26')).toEqual({ agencyCode: 'console.error.sameAgency' });
    expect(validateFeedbackAction('answer', { answer: 'Ngắn' })).toEqual({ answer: 'console.error.answerShort' });
    expect(validateFeedbackAction('answer', { answer: 'Cơ quan đã kiểm tra và khắc phục.' })).toEqual({});
  });

  it('shows the next step deadline for the status', () => {
    const d = { decideBy: 'a', firstInfoRequestBy: 'b', answerBy: 'c', publishBy: null };
    expect(nextDeadline('submitted', d)).toEqual({ step: 'decide', by: 'a' });
    expect(nextDeadline('info_requested', d)).toEqual({ step: 'answer', by: 'c' });
    expect(nextDeadline('answered', { ...d, publishBy: 'd' })).toEqual({ step: 'publish', by: 'd' });
    expect(nextDeadline('published', d)).toBeNull();
  });
});

describe('the console in the bundle', () => {
  it('keeps the transition table (and zod) out of the first load: only lazy chunks import it', async () => {
    await ensureWebBuild(REPO_ROOT);
    const dist = webDist(REPO_ROOT);
    const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Record<string, { file: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[] }>;
    // The console's pages are lazy chunks of the app's entry (the API reference is another).
    const entry = manifest['index.html']!;
    expect(entry.dynamicImports).toEqual(expect.arrayContaining(['src/official/queue.tsx', 'src/official/dossier-page.tsx']));
    const files = new Set<string>();
    const visit = (key: string) => {
      const chunk = manifest[key];
      if (!chunk || files.has(chunk.file)) return;
      files.add(chunk.file);
      for (const i of chunk.imports ?? []) visit(i);
    };
    visit('index.html');
    expect(files.size).toBeGreaterThan(0);
    for (const file of files) {
      // Vite's modulepreload polyfill, shared with the API reference's entry, is a chunk of its own without a map.
      if (!existsSync(join(dist, `${file}.map`))) { expect(file).toMatch(/^assets\/modulepreload-polyfill-[\w-]+\.js$/); continue; }
      const sources = (JSON.parse(readFileSync(join(dist, `${file}.map`), 'utf8')) as { sources: string[] }).sources;
      expect(sources.filter((s) => /functions\/dossiers|node_modules\/zod/.test(s)), file).toEqual([]);
    }
  }, 120_000);
});

describe('the work queue\'s first page with anything on it', () => {
  /** A list whose pages are `pages` (items per page), each cursor the next page's index. */
  const list = (pages: number[][]) => {
    const reads: (string | null)[] = [];
    const read = async (after: string | null) => {
      reads.push(after);
      const index = after === null ? 0 : Number(after);
      return { items: pages[index]!, nextCursor: index + 1 < pages.length ? String(index + 1) : null };
    };
    return { read, reads };
  };

  it('reads on past empty pages that carry a cursor, and stops at the first page with items', async () => {
    const { read, reads } = list([[], [], [7, 8], [9]]);
    expect(await firstNonEmptyPage(read, null)).toEqual({ items: [7, 8], nextCursor: '3' });
    expect(reads).toEqual([null, '1', '2']);
  });

  it('says the list is empty only when it has ended', async () => {
    const { read } = list([[], []]);
    expect(await firstNonEmptyPage(read, null)).toEqual({ items: [], nextCursor: null });
  });

  it('gives up after its bounded reads, keeping the cursor for "show more"', async () => {
    const { read, reads } = list(Array.from({ length: 20 }, () => []));
    expect(await firstNonEmptyPage(read, '4')).toEqual({ items: [], nextCursor: String(4 + EMPTY_PAGE_READS) });
    expect(reads).toHaveLength(EMPTY_PAGE_READS);
  });
});

