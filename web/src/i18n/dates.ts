import type { Language } from './language.js';

/** Montréal's time zone: the service counts every local date in it. */
const ZONE = 'America/Toronto';
const DAY_MS = 86_400_000;

/** Today's date in Montréal, `YYYY-MM-DD`, as the service reads "today". */
export function todayInMontreal(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    now,
  );
}

/** `YYYY-MM-DD` plus some days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Days from one local date to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** A local date (`2026-12-01`) written for people: « 1 décembre 2026 », "December 1, 2026". */
export function formatDate(date: string, language: Language, withWeekday = false): string {
  return new Intl.DateTimeFormat(language === 'fr' ? 'fr-CA' : 'en-CA', {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    ...(withWeekday ? { weekday: 'long' } : {}),
  }).format(new Date(`${date}T00:00:00Z`));
}

/** The Montréal date of an instant. */
export function localDateOf(instant: string): string {
  return todayInMontreal(new Date(instant));
}

/** An instant written for people with its Montréal time: « 1 mai 2024 à 11 h 00 », "May 1, 2024 at 11:00 a.m.". */
export function formatDateTime(instant: string, language: Language): string {
  return new Intl.DateTimeFormat(language === 'fr' ? 'fr-CA' : 'en-CA', {
    timeZone: ZONE,
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(new Date(instant));
}
