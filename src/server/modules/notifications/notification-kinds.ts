/** The two languages a person can choose for mail and notifications. */
export type NotificationLocale = 'zh-TW' | 'en';

/** Which preference switch governs a kind's e-mail. In-app notifications follow `in_app` for every kind. */
export type NotificationCategory = 'reminder' | 'digest' | 'workflow';

export interface RenderedNotification {
  /** One line for the in-app list. */
  title: string;
  subject: string;
  /** Plain-text mail body. */
  text: string;
  /** Path inside the web app the notification opens, if any. */
  link: string | null;
}

export interface NotificationKind<P> {
  category: NotificationCategory;
  render(payload: P, locale: NotificationLocale, context: { publicUrl: string | null }): RenderedNotification;
}

const kinds = new Map<string, NotificationKind<never>>();

/**
 * Modules register each kind of notification they send, with its renderer in both languages, at import
 * time; `notify()` refuses an unregistered kind, so every message a person can receive is reviewable here.
 */
export function registerNotificationKind<P>(kind: string, spec: NotificationKind<P>): void {
  if (kinds.has(kind) && kinds.get(kind) !== (spec as NotificationKind<never>))
    throw new Error(`notification kind ${kind} registered twice`);
  kinds.set(kind, spec as NotificationKind<never>);
}

export function notificationKind(kind: string): NotificationKind<unknown> | undefined {
  return kinds.get(kind) as NotificationKind<unknown> | undefined;
}

/** An absolute link when the public URL is known (mail), else the in-app path. */
export function absoluteLink(path: string, publicUrl: string | null): string {
  return publicUrl ? new URL(path, publicUrl).toString() : path;
}
