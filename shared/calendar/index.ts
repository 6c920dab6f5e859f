// Working-day calendar (docs/requirements.md R-CALENDAR, R-DUE-DATE, R-FEEDBACK-DEADLINES): pure functions, no AWS. See docs/calendar.md.
export * from './working-calendar';
