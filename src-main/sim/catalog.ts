/**
 * The simulated organisation: queues, intents, people, and the words they type.
 *
 * Plain data only. Lines may contain the placeholders {customer}, {agent}, {queue}, {order} and
 * {wait}; the floor fills them in. Keeping the text here lets the model stay about timing.
 */
import type { BusinessHours, Channel, Thresholds } from '../../src-shared/protocol/events.js';

export interface IntentScript {
  readonly name: string;
  /** What the customer first tells the bot (chat) or the agent (voice). */
  readonly openers: readonly string[];
  /** Further details the customer gives during the conversation. */
  readonly details: readonly string[];
  /** What an agent says about this intent. */
  readonly answers: readonly string[];
}

export type HoursPlan = 'always' | 'weekdays' | 'extended';

export interface QueueTemplate {
  readonly key: string;
  readonly name: string;
  readonly channel: Channel;
  readonly timeZone: string;
  readonly hours: HoursPlan;
  readonly presetGroup: string;
  readonly intents: readonly string[];
  /** Relative demand against the queue's staffing (1 = staffed to match). */
  readonly demand: number;
}

export const INTENTS: Readonly<Record<string, IntentScript>> = {
  'Dispute a charge': {
    name: 'Dispute a charge',
    openers: ['I was charged twice this month', "There's a charge on my bill I don't recognise", 'Why was I charged a late fee?'],
    details: ['It was on the 3rd, for $49.99', 'I already paid it last week', 'This happened last month too', 'The amount is different from what I was quoted'],
    answers: ['I can see the duplicate charge on your account.', "I've raised a refund for the duplicate payment, it takes 3-5 business days.", 'That fee was applied because the payment arrived after the due date.', "I've waived the late fee as a one-time courtesy."],
  },
  'Update payment method': {
    name: 'Update payment method',
    openers: ['I need to change the card on my account', 'My card expired, how do I update it?'],
    details: ['It ends in 4421', 'I want to use PayPal instead', 'Can I set up autopay too?'],
    answers: ['You can update it under Account > Payments, or I can send you a secure link.', "I've sent a secure payment link to your e-mail.", 'Autopay is now switched on for your account.'],
  },
  'Explain my bill': {
    name: 'Explain my bill',
    openers: ['My bill is higher than usual', "I don't understand my latest invoice"],
    details: ['It went up by about $20', 'What is the "service adjustment" line?', 'I did not change my plan'],
    answers: ['The increase comes from the end of your promotional discount.', 'The service adjustment is a prorated charge for the days before your plan change.', 'I can apply a loyalty discount of 10% for the next 6 months.'],
  },
  'Cannot log in': {
    name: 'Cannot log in',
    openers: ["I can't log in to my account", 'The app keeps saying my password is wrong', 'I never receive the verification code'],
    details: ["I've tried resetting it twice", 'I use the same e-mail as always', 'It worked yesterday', 'I changed phones recently'],
    answers: ["I've reset your login attempts, please try again now.", 'I can see the codes are going to an old number. I have updated it.', 'Please clear the app cache and sign in again.'],
  },
  'Device not working': {
    name: 'Device not working',
    openers: ['My router keeps disconnecting', 'The device shows a red light', 'Nothing works since the last update'],
    details: ["I've restarted it already", 'The light has been blinking for an hour', 'It is model X200', 'Other devices at home are fine'],
    answers: ["I'm running a remote diagnostic on your device now.", 'The line test looks good. Please hold the reset button for 10 seconds.', 'I can book a technician visit for tomorrow morning.', 'A firmware fix is rolling out, I have pushed it to your device.'],
  },
  'Outage report': {
    name: 'Outage report',
    openers: ['Is there an outage in my area?', 'The service has been down all morning'],
    details: ['My postcode is 10012', 'My neighbours have the same problem', 'Will I get a credit for this?'],
    answers: ['Yes, there is a known outage in your area. Engineers are on site.', 'The estimated fix time is within the next 2 hours.', "I've added a service credit for today to your account."],
  },
  'New plan': {
    name: 'New plan',
    openers: ["I'd like to know more about your plans", 'What deals do you have right now?', 'I want to upgrade my plan'],
    details: ['I mostly stream video', 'There are four of us at home', 'What would it cost per month?', 'Is there a contract?'],
    answers: ['Based on your usage, the Plus plan would suit you best.', 'The family bundle is $79 a month with no contract.', "I've applied the upgrade, it's active from today."],
  },
  'Add a line': {
    name: 'Add a line',
    openers: ['I want to add a line for my daughter', 'Can I add another device to my plan?'],
    details: ['She already has a phone', 'Can she keep her number?'],
    answers: ['Yes, we can port her number in about 24 hours.', "I've added the line; the SIM card ships today."],
  },
  'Where is my order': {
    name: 'Where is my order',
    openers: ["Where is my order? It's late", 'My parcel still says "in transit"', 'Order {order} has not arrived'],
    details: ['It was due on Monday', 'The tracking has not updated for 3 days', 'I need it before the weekend'],
    answers: ['Your parcel is at the local depot and out for delivery tomorrow.', 'The carrier reports a delay; I have upgraded the shipping for free.', "I've opened a trace with the carrier for order {order}."],
  },
  'Change delivery': {
    name: 'Change delivery',
    openers: ['Can I change my delivery address?', 'I need to reschedule a delivery'],
    details: ["I won't be home on Thursday", 'Could it go to my office instead?'],
    answers: ['Done: the delivery is now booked for Friday between 8 and 12.', "I've updated the address for order {order}."],
  },
  'Return an item': {
    name: 'Return an item',
    openers: ['I want to return an item', 'The product arrived damaged', 'How do I send this back?'],
    details: ["It's the wrong size", 'The box was crushed', 'I still have the receipt'],
    answers: ["I've e-mailed you a prepaid return label.", 'Once the item is back, the refund is issued within 5 days.', 'I can send a replacement right away instead.'],
  },
  'Refund status': {
    name: 'Refund status',
    openers: ["Where is my refund?", 'I returned an item two weeks ago and have no refund yet'],
    details: ['The return was delivered on the 12th', 'It was paid by credit card'],
    answers: ['The refund was issued yesterday; it can take 3 days to show on your card.', "I've escalated the refund, you'll get an e-mail confirmation."],
  },
  'Suspicious activity': {
    name: 'Suspicious activity',
    openers: ['I got an alert about a login I did not make', 'Someone changed my password'],
    details: ['It says the login was from another country', "I didn't request any change"],
    answers: ["I've locked the account and signed out every session.", 'Please set a new password with the link I just sent.', 'I have turned on two-step verification for you.'],
  },
  'Unlock account': {
    name: 'Unlock account',
    openers: ['My account is locked', 'It says my account is suspended'],
    details: ['I entered the wrong PIN a few times', 'I need access urgently'],
    answers: ['After verifying your identity I have unlocked the account.', 'Your account is active again.'],
  },
  'Cancel service': {
    name: 'Cancel service',
    openers: ['I want to cancel my subscription', "I'm moving and need to cancel"],
    details: ["It's too expensive", "I found a better offer elsewhere", 'I want it to end this month'],
    answers: ['Before you go, I can offer 3 months at half price.', "I've scheduled the cancellation for the end of your billing cycle.", 'We also serve your new address, I can move the service instead.'],
  },
  'Claim status': {
    name: 'Claim status',
    openers: ["What's the status of my claim?", 'I filed a claim three weeks ago'],
    details: ['The reference is CL-{order}', 'Nobody has called me back'],
    answers: ['Your claim is approved; payment goes out on Friday.', 'The assessor needs one more photo, I have sent you the upload link.'],
  },
  'File a claim': {
    name: 'File a claim',
    openers: ['I need to file a claim', 'My phone was stolen'],
    details: ['It happened yesterday evening', 'I have a police report'],
    answers: ["I've opened the claim and e-mailed you the reference.", 'A replacement can ship within 48 hours once approved.'],
  },
  'App problem': {
    name: 'App problem',
    openers: ['The app crashes when I open it', "Notifications don't work in the app"],
    details: ["I'm on the latest version", "It's an Android phone", 'Reinstalling did not help'],
    answers: ['This is a known issue fixed in version 5.2, rolling out today.', 'Please enable background refresh for the app in your settings.'],
  },
  'Priority support': {
    name: 'Priority support',
    openers: ['I need help with my business account', 'We have several lines down at the office'],
    details: ['We have 40 users', 'It started an hour ago', 'This is affecting our customers'],
    answers: ["I've opened a priority ticket and assigned an engineer.", 'Your account manager will call you within the hour.'],
  },
};

export const QUEUE_TEMPLATES: readonly QueueTemplate[] = [
  { key: 'billing', name: 'Billing', channel: 'chat', timeZone: 'America/New_York', hours: 'extended', presetGroup: 'preset-chat-americas', intents: ['Dispute a charge', 'Update payment method', 'Explain my bill'], demand: 1 },
  { key: 'phone-support', name: 'Phone Support', channel: 'voice', timeZone: 'America/New_York', hours: 'extended', presetGroup: 'preset-voice-americas', intents: ['Device not working', 'Outage report', 'Explain my bill'], demand: 1 },
  { key: 'tech-support', name: 'Technical Support', channel: 'chat', timeZone: 'America/New_York', hours: 'always', presetGroup: 'preset-chat-americas', intents: ['Cannot log in', 'Device not working', 'Outage report'], demand: 1.05 },
  { key: 'orders', name: 'Orders & Delivery', channel: 'chat', timeZone: 'Europe/London', hours: 'extended', presetGroup: 'preset-chat-emea', intents: ['Where is my order', 'Change delivery'], demand: 1 },
  { key: 'account-security', name: 'Account Security', channel: 'voice', timeZone: 'Europe/London', hours: 'always', presetGroup: 'preset-voice-emea', intents: ['Suspicious activity', 'Unlock account'], demand: 0.95 },
  { key: 'sales', name: 'Sales', channel: 'chat', timeZone: 'America/Los_Angeles', hours: 'weekdays', presetGroup: 'preset-chat-americas', intents: ['New plan', 'Add a line'], demand: 0.95 },
  { key: 'retention', name: 'Retention', channel: 'voice', timeZone: 'America/Los_Angeles', hours: 'weekdays', presetGroup: 'preset-voice-americas', intents: ['Cancel service', 'Explain my bill'], demand: 1 },
  { key: 'returns', name: 'Returns & Refunds', channel: 'chat', timeZone: 'Europe/London', hours: 'extended', presetGroup: 'preset-chat-emea', intents: ['Return an item', 'Refund status'], demand: 1.05 },
  { key: 'mobile-app', name: 'Mobile App', channel: 'chat', timeZone: 'America/Los_Angeles', hours: 'always', presetGroup: 'preset-chat-americas', intents: ['App problem', 'Cannot log in'], demand: 0.9 },
  { key: 'claims', name: 'Claims', channel: 'voice', timeZone: 'Europe/London', hours: 'weekdays', presetGroup: 'preset-voice-emea', intents: ['File a claim', 'Claim status'], demand: 1 },
  { key: 'premium', name: 'Premium Care', channel: 'chat', timeZone: 'America/New_York', hours: 'always', presetGroup: 'preset-chat-americas', intents: ['Priority support', 'Device not working'], demand: 0.85 },
  { key: 'collections', name: 'Collections', channel: 'voice', timeZone: 'America/New_York', hours: 'weekdays', presetGroup: 'preset-voice-americas', intents: ['Explain my bill', 'Update payment method'], demand: 1 },
];

export const TEAM_NAMES: readonly string[] = [
  'Aurora', 'Beacon', 'Cascade', 'Delta', 'Ember', 'Falcon', 'Glacier', 'Harbor', 'Iris', 'Juniper', 'Keystone', 'Lumen',
  'Meridian', 'Nova', 'Orion', 'Pioneer', 'Quartz', 'Redwood', 'Summit', 'Tidal', 'Unity', 'Vertex', 'Willow', 'Zenith',
];

export const LOCATIONS: readonly string[] = ['New York', 'Austin', 'London', 'Manila', 'Cape Town'];

export const FIRST_NAMES: readonly string[] = [
  'Aisha', 'Ben', 'Carla', 'Dev', 'Elena', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jamal', 'Kate', 'Luis', 'Maya', 'Nikhil', 'Olga', 'Pedro',
  'Quinn', 'Rosa', 'Sam', 'Tara', 'Uma', 'Victor', 'Wen', 'Ximena', 'Yusuf', 'Zoe', 'Amir', 'Bianca', 'Chen', 'Dana', 'Emeka', 'Fiona',
  'Gabriel', 'Hana', 'Ivan', 'Julia', 'Kwame', 'Lena', 'Marco', 'Nadia', 'Omar', 'Priya', 'Rafael', 'Sofia', 'Tomas', 'Valeria', 'Will', 'Yara',
];

export const LAST_NAMES: readonly string[] = [
  'Adams', 'Baker', 'Costa', 'Dubois', 'Evans', 'Fischer', 'Garcia', 'Hughes', 'Ito', 'Jensen', 'Kim', 'Lopez', 'Martin', 'Nakamura', 'Okafor',
  'Patel', 'Quinn', 'Reyes', 'Silva', 'Taylor', 'Usman', 'Vargas', 'Walsh', 'Xu', 'Young', 'Zhang', 'Moreau', 'Novak', 'Rossi', 'Santos',
];

export interface AwayReason {
  readonly reason: string;
  readonly weight: number;
  /** Median minutes away. */
  readonly medianMinutes: number;
}

export const AWAY_REASONS: readonly AwayReason[] = [
  { reason: 'Break', weight: 45, medianMinutes: 12 },
  { reason: 'Lunch', weight: 15, medianMinutes: 35 },
  { reason: 'Training', weight: 10, medianMinutes: 30 },
  { reason: 'Meeting', weight: 15, medianMinutes: 20 },
  { reason: 'Coaching', weight: 15, medianMinutes: 15 },
];

export const AVAILABLE_REASON = 'Available';
/** Away reasons the platform sets itself (never offered to a supervisor's set_status): wrap-up after a call, a missed offer. */
export const AFTER_CONTACT_WORK_REASON = 'After-contact work';
export const NOT_RESPONDING_REASON = 'Not responding';

/** Share of the peak arrival rate by local hour (0–23): peaks late morning and mid-afternoon. */
export const HOURLY_CURVE: readonly number[] = [
  0.3, 0.28, 0.26, 0.26, 0.28, 0.33, 0.42, 0.58, 0.78, 0.92, 1.0, 0.96, 0.84, 0.88, 0.97, 1.0, 0.92, 0.8, 0.66, 0.55, 0.46, 0.4, 0.35, 0.32,
];

/** Demand by local weekday (0 = Sunday). */
export const WEEKDAY_FACTOR: readonly number[] = [0.6, 1.0, 0.97, 0.95, 0.95, 0.92, 0.7];

export const HOLIDAYS: readonly string[] = ['2025-12-25', '2026-01-01', '2026-12-25', '2027-01-01'];

/** Weekly open windows for each plan (minutes from local midnight). */
export function businessHoursFor(plan: HoursPlan): BusinessHours {
  const everyDay = (openMinute: number, closeMinute: number) => [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, openMinute, closeMinute }));
  switch (plan) {
    case 'always':
      return { windows: everyDay(0, 1440), holidays: [] };
    case 'extended':
      return { windows: everyDay(7 * 60, 22 * 60), holidays: [...HOLIDAYS] };
    case 'weekdays':
      return {
        windows: [...[1, 2, 3, 4, 5].map((day) => ({ day, openMinute: 8 * 60, closeMinute: 20 * 60 })), { day: 6, openMinute: 9 * 60, closeMinute: 17 * 60 }],
        holidays: [...HOLIDAYS],
      };
  }
}

/** Thresholds for a queue, scaled to the number of agents staffing it. */
export function thresholdsFor(channel: Channel, staffedAgents: number): Thresholds {
  const scale = Math.max(1, staffedAgents / 6);
  return channel === 'chat'
    ? { queuedLow: Math.round(4 * scale), queuedHigh: Math.round(10 * scale), longestWaitSec: 180, ahtSec: 480, firstResponseSec: 30, serviceLevelPct: 80, abandonRatePct: 8 }
    : { queuedLow: Math.round(3 * scale), queuedHigh: Math.round(8 * scale), longestWaitSec: 90, ahtSec: 420, firstResponseSec: 10, serviceLevelPct: 80, abandonRatePct: 6 };
}

export const BOT_GREETINGS: readonly string[] = [
  "Hi! I'm Ava, the virtual assistant. What can I help you with today?",
  'Hello and welcome! Tell me briefly what you need help with.',
];

export const BOT_ROUTING: readonly string[] = [
  'Thanks! I am connecting you to an agent in {queue}. The current wait is about {wait}.',
  'Got it. An agent from {queue} will be with you shortly (about {wait}).',
];

export const AGENT_GREETINGS: readonly string[] = [
  'Hi {customer}, this is {agent}. I can help you with that.',
  'Hello {customer}, my name is {agent}. Thanks for waiting! Let me take a look.',
  'Hi {customer}! {agent} here. Give me a moment to review your account.',
];

export const AGENT_GENERIC: readonly string[] = [
  'Could you confirm the e-mail address on the account?',
  'Thanks, I have verified your account.',
  'Let me check that for you.',
  'Thanks for your patience, I am almost there.',
  'I understand, that must be frustrating.',
  'Could you tell me a bit more?',
];

export const CUSTOMER_GENERIC: readonly string[] = [
  'Sure', 'Ok, thanks', 'Yes, that is right', 'One moment please', "It's {customer}.{order}@example.com", 'Great', 'Hmm, ok', 'How long will that take?',
];

export const AGENT_CLOSING: readonly string[] = ['Is there anything else I can help you with today?', 'Anything else I can do for you?'];
export const CUSTOMER_CLOSING: readonly string[] = ["No, that's all. Thanks!", "That's everything, thank you", 'No thanks, bye'];
export const AGENT_GOODBYE: readonly string[] = ['Thanks for contacting us, {customer}. Have a great day!', 'You are welcome! Take care.'];

export const VOICE_FILLERS_CUSTOMER: readonly string[] = ['Mm-hmm', 'Okay', 'Yes', 'Right', 'Sorry, can you repeat that?', 'I see'];
export const VOICE_FILLERS_AGENT: readonly string[] = ['Okay', 'Mm-hmm', 'Let me pull that up', 'Bear with me one second', 'Got it', 'Right'];

export const DELIVERY_FAILURES: readonly string[] = ['Customer device unreachable', 'Message rejected by channel', 'Session expired on customer side'];

/**
 * Survey comments by rating (1-5): wording that matches the score, so a sentiment score of the
 * comment (negative for 1-2, about neutral for 3, positive for 4-5) agrees with the rating.
 */
export const SURVEY_COMMENTS: Readonly<Record<1 | 2 | 3 | 4 | 5, readonly string[]>> = {
  1: ['Terrible service, nobody solved my problem.', 'Awful. I waited forever and got no help.', 'Worst experience, I am cancelling.', 'Rude and useless, very disappointed.', 'I had to repeat myself five times. Frustrating.'],
  2: ['Took far too long, a frustrating wait.', 'My problem is still not solved.', 'The agent did not understand my issue, annoying.', 'Slow and confusing, not happy.', 'Disappointed with the slow answer.'],
  3: ['It was okay.', 'Solved, though I waited a while.', 'Average. The wait was long but the answer was right.', 'Nothing special.', 'The agent was polite, I need to call again.'],
  4: ['Good help, thanks.', 'Helpful agent, problem solved.', 'Quick answer, thank you.', '{agent} was friendly and clear.', 'Nice, solved on the first try.'],
  5: ['Excellent service, thank you so much!', '{agent} was amazing and very helpful.', 'Perfect, problem solved in minutes. Great job!', 'Fantastic support, I am delighted.', 'Best support experience so far, love it.'],
};
