/** How long a new team link works: the host picks it with "New link…". */
export const LINK_LIFETIMES = ['12h', '7d', 'never'] as const;
export type LinkLifetime = (typeof LINK_LIFETIMES)[number];

export const LINK_LIFETIME_MS: Readonly<Record<LinkLifetime, number | null>> = {
  '12h': 12 * 3600 * 1000,
  '7d': 7 * 24 * 3600 * 1000,
  never: null,
};

export const LINK_LIFETIME_LABELS: Readonly<Record<LinkLifetime, string>> = {
  '12h': 'expires after 12 hours',
  '7d': 'expires after 7 days',
  never: 'never expires',
};
