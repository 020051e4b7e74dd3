/**
 * The floor's pacing and proportions: how long people take, how often things happen, how busy the
 * floor is at its peak. Tuned so a busy floor feels real and stays dense. Durations are in seconds
 * unless the name says otherwise.
 */

export const CHAT_BOT_OPENER_MEDIAN = 5;
export const CHAT_FIRST_RESPONSE_MEDIAN = 8;
export const CHAT_CUSTOMER_THINK_MEDIAN = 4.5;
export const CHAT_AGENT_RESPONSE_MEDIAN = 5.5;
export const CHAT_BURST_GAP_MEDIAN = 1.6;
export const CHAT_BURST_CHANCE = 0.35;
export const VOICE_IVR_MEDIAN = 20;
export const VOICE_UTTERANCE_MEDIAN = 1.9;
export const VOICE_TALK_MEDIAN = 240;
export const CHAT_PATIENCE_MEAN = 360;
export const VOICE_PATIENCE_MEAN = 200;
/** Approximate mean time an agent holds a conversation, used to size arrival rates. */
export const CHAT_MEAN_HANDLE = 105;
export const VOICE_MEAN_HANDLE = 265;
/** Offered load at the daily peak relative to the staffed capacity. */
export const PEAK_LOAD = 1.1;
export const AVAILABILITY = 0.85;
export const TRANSFER_CHANCE = 0.05;
export const HIGH_EFFORT_CHANCE = 0.05;
export const DELIVERY_FAILURE_CHANCE = 0.015;
export const SURVEY_CHANCE = 0.3;
export const AWAY_EVERY_MEAN_MINUTES = 100;
export const INITIAL_AWAY_SHARE = 0.12;
/** Share of assignments the agent lets time out: no first message, the conversation goes back to its queue. */
export const OFFER_TIMEOUT_CHANCE = 0.02;
/** How long an offer waits for the agent before it times out (chat: accept and first reply; voice: ringing). */
export const CHAT_OFFER_TIMEOUT = 45;
export const VOICE_OFFER_TIMEOUT = 20;
/** An agent who let an offer time out is set away ("Not responding") for about this long. */
export const NOT_RESPONDING_MEDIAN_MINUTES = 2;
/** After-contact work after a call (voice only: chat agents wrap up between their chats). */
export const VOICE_AFTER_CONTACT_MEDIAN = 30;
export const ESTIMATE_INTERVAL_MS = 30_000;
export const SUPERVISED_IDLE_END_MS = 10 * 60_000;
export const RECENT_ENDED_LIMIT = 5_000;
/** Share of the open-hours demand still arriving while a queue is closed; it reaches the floor only through an outside-hours overflow rule. */
export const CLOSED_DEMAND = 0.25;
export const MAX_SLOTS = 4;
export const HOUR_MS = 3_600_000;
