// Working-day calendar (SPEC §3 "Due date", §6): pure functions, no AWS. See docs/calendar.md.
export * from './working-calendar';
