// Working-day calendar (docs/requirements.md R-CALENDAR, R-DUE-DATE, R-FEEDBACK-DEADLINES): pure functions, no AWS. See docs/calendar.md.
export * from './calendar-types';
export { formatLocal, localDate, VN_UTC_OFFSET_MINUTES } from './local-time';
export { createWorkingCalendar, latestCalendar } from './working-calendar';
