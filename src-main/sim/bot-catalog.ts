/**
 * What the chat bot says and how often it settles a conversation alone, by intent.
 *
 * Plain data, like src-main/sim/catalog.ts. A share of each intent's chats is contained (the bot
 * answers and the customer leaves satisfied, never queued); the rest are escalated with a reason,
 * which the bot writes as a system message just before it routes the customer to an agent.
 */

/** Share of an intent's chats the bot settles alone; intents not listed use DEFAULT_CONTAINMENT. */
export const BOT_CONTAINMENT: Readonly<Record<string, number>> = {
  'Where is my order': 0.6,
  'Refund status': 0.55,
  'Outage report': 0.5,
  'Explain my bill': 0.45,
  'Change delivery': 0.4,
  'Return an item': 0.4,
  'Cannot log in': 0.35,
  'New plan': 0.3,
  'Update payment method': 0.3,
  'App problem': 0.3,
  'Add a line': 0.25,
  'Device not working': 0.2,
  'Dispute a charge': 0.15,
  'Priority support': 0.1,
};
export const DEFAULT_CONTAINMENT = 0.3;

/** The bot's answers, by intent, with generic ones for the rest. */
export const BOT_ANSWERS: Readonly<Record<string, readonly string[]>> = {
  'Where is my order': ['Your order #{order} left our warehouse yesterday and should arrive within 2 days.', 'I found order #{order}: it is out for delivery today.'],
  'Refund status': ['Your refund for order #{order} was issued and should reach your account in 3-5 business days.', 'The refund is approved; you will see it on your statement shortly.'],
  'Outage report': ['There is a known outage in your area. Our engineers expect it to be fixed within 2 hours.', 'Thanks for reporting it. I have added your address to the outage ticket.'],
  'Explain my bill': ['Your bill went up because the promotional discount ended last month.', 'This month includes a one-time activation fee of $15.'],
  'Change delivery': ['I have moved your delivery to the date you asked for.', 'Done: the courier will leave the parcel with your neighbour.'],
  'Return an item': ['Here is your return label. Drop the parcel at any post office within 30 days.', 'I have started the return for order #{order}; the label is on its way by e-mail.'],
  'Cannot log in': ['I have sent a password reset link to your e-mail address.', 'Your account was locked after several attempts; it is unlocked now.'],
  'New plan': ['Our Unlimited plan is $45 a month with no contract. Shall I send you the details?', 'You can switch plans any time from the app, under Account > Plan.'],
  'Update payment method': ['You can update your card under Account > Payments in the app.', 'I have sent you a secure link to update your payment method.'],
};
export const BOT_GENERIC_ANSWERS: readonly string[] = [
  'Here is an article that explains it step by step: help.example.com/{order}.',
  'I can help with that. Could you tell me a bit more?',
  'Thanks! Let me look that up for you.',
];

/** What the customer says when the bot's answer was enough. */
export const CUSTOMER_SATISFIED: readonly string[] = ['That helps, thanks!', 'Perfect, that is all I needed.', 'Great, thank you', 'Ok, got it. Thanks!'];

/** The bot's closing line of a conversation it settled alone. */
export const BOT_CLOSINGS: readonly string[] = ['Glad I could help, {customer}. Have a great day!', 'You are welcome! I will close this chat now.'];

/** What the customer writes when they want a person. */
export const CUSTOMER_WANTS_AGENT: readonly string[] = ['Can I talk to a person please?', 'I would like to speak to an agent.', 'Agent please'];

/** What the bot says when it gives up. */
export const BOT_CANNOT_ANSWER: readonly string[] = ["Sorry, I can't help with that myself.", 'I am not able to answer that one, sorry.'];

/** Why the bot hands a conversation to an agent: the system message's text, exactly. */
export const ESCALATION_REASONS = {
  customerAsked: 'Customer asked for an agent',
  botCouldNotAnswer: 'Bot could not answer',
} as const;

/** Reasons tied to an intent: some topics always need a person once the bot has given its answer. */
export const INTENT_ESCALATION_REASONS: Readonly<Record<string, string>> = {
  'Dispute a charge': 'Payment issue needs an agent',
  'Update payment method': 'Payment issue needs an agent',
  'Explain my bill': 'Payment issue needs an agent',
  'Device not working': 'Technical issue needs an agent',
  'Cannot log in': 'Account verification needs an agent',
  'Priority support': 'Priority customer goes to an agent',
};
