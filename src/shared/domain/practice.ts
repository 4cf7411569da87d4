/**
 * A practice show's simulated audience (docs/practice.md): what the host
 * dials in and what the studio's Practice audience panel shows.
 */

/** The dials' ranges; the contract and the panel's inputs use them. */
export const PRACTICE_LIMITS = {
  viewers: { min: 1, max: 200 },
  /** Chat messages per minute from the whole audience. */
  messagesPerMinute: { min: 1, max: 600 },
  /** Each share is a percentage of the messages. */
  percent: { min: 0, max: 100 },
} as const;

export interface PracticeDials {
  /** Simulated viewers connected to the show's SFU. */
  readonly viewers: number;
  /** Chat pace of the whole audience. */
  readonly messagesPerMinute: number;
  /** Share of messages that are questions ("does it come in blue?"). */
  readonly questionPercent: number;
  /** Share of messages that claim the pinned product ("sold", "claim M"), while a product is pinned. */
  readonly claimPercent: number;
  /** Share of messages that bid (button, maximum or "$N" in chat), while an auction runs. */
  readonly bidPercent: number;
}

export const DEFAULT_PRACTICE_DIALS: PracticeDials = {
  viewers: 20,
  messagesPerMinute: 30,
  questionPercent: 20,
  claimPercent: 15,
  bidPercent: 40,
};

/** What the simulated audience has sent since it started. */
export interface PracticeAudienceCounts {
  readonly messages: number;
  readonly questions: number;
  readonly claims: number;
  readonly bids: number;
  readonly giveawayEntries: number;
}

export interface PracticeAudienceState {
  /** The active show; the audience runs only while it is a practice show. */
  readonly show: { readonly id: number; readonly name: string; readonly practice: boolean } | null;
  readonly running: boolean;
  readonly dials: PracticeDials;
  /** Simulated viewers joined to the SFU room now. */
  readonly connected: number;
  /** Still connecting. */
  readonly joining: number;
  readonly sent: PracticeAudienceCounts;
  /** Why the audience is short or stopped, in the host's words; null: all well. */
  readonly problem: string | null;
}

export const NO_PRACTICE_COUNTS: PracticeAudienceCounts = { messages: 0, questions: 0, claims: 0, bids: 0, giveawayEntries: 0 };
