/**
 * The message templates of the ladder. A step's event carries only the template's key
 * (`missed-check-in/follow-up-email`); the text is policy — the defaults are the seed's
 * scripts, and "similar language" for the other compliance issues — rendered by the
 * platform with the placeholders `{name}`, `{dueDate}`, `{coach}`, and where a text uses
 * them `{practice}` and `{deadline}`.
 */
import type { ComplianceIssue } from './events.js';

/** The message of each step; the follow-up has one for email and one for a phone call. */
export type CheckInTemplateStep =
  | 'in-app-message'
  | 'follow-up-email'
  | 'follow-up-call'
  | 'text-and-email'
  | 'non-compliance-report'
  | 'final-notice';

export type CheckInTemplateKey = `${ComplianceIssue}/${CheckInTemplateStep}`;

/** The key of a step's template for an issue. */
export const checkInTemplateKey = (issue: ComplianceIssue, step: CheckInTemplateStep): CheckInTemplateKey => `${issue}/${step}`;

/** The texts by key: every key of every issue. */
export type CheckInTemplates = Readonly<Record<CheckInTemplateKey, string>>;

const URGENCY =
  "It's important that we change your regimen within 3-weeks of your last regimen change, otherwise your skin will stop responding to the current regimen and you will start falling behind in the program.";
const FINAL =
  "Should you wish to continue, please let me know :) You have come so far already in the program, and I don't want you to get off track to achieving your clear skin goals! I hope to hear from you soon!";
const REPORT = (what: string): string =>
  `{name} is non-compliant: ${what}, and has not responded to the in-app message, the follow-up or the text and email from {coach}. Please contact the client, then approve or decline ending their program.`;

/** The seed's scripts, word for word where the seed gives one, with its blanks as placeholders. */
export const defaultCheckInTemplates: CheckInTemplates = {
  'missed-check-in/in-app-message':
    'Hi {name}! Your check in was due yesterday, {dueDate}. Please submit your check-in ASAP, and I will get your regimen changes to you. Thanks, and have a great day!',
  'missed-check-in/follow-up-email': `Hi {name}, I just wanted to see if you saw my previous message about your late check-in? It was due {dueDate}. ${URGENCY} Please complete your check-in ASAP :)`,
  'missed-check-in/follow-up-call': `Hi {name}, this is {coach}. How are you doing today? Great! I just wanted to call and remind you that your check-in was due on {dueDate}. Are you receiving our email reminders regarding your check-in? ${URGENCY}`,
  'missed-check-in/text-and-email':
    "Hi {name}, this is {coach} at {practice}. I hope all is well! I am reaching out because your check-in was due on {dueDate} and is now very late. I have not received a reply from you in the app or to my phone call. Please reply back to this text and confirm you are receiving my messages. I don't want you to fall behind in your progress. Remember we only have up to 3-weeks before your skin stops responding to your current regimen. At this point we may need to restart your program if you do not check in and have your regimen changed. In addition, if you get too far behind, we are no longer able to guarantee that you will be clear, as you have not complied with your commitment to the program.",
  'missed-check-in/non-compliance-report': REPORT('their check-in was due on {dueDate}, has not been submitted'),
  'missed-check-in/final-notice': `Hi {name}, if I don't hear back from you or see your check-in come through by the end of the week ({deadline}), I will end your program. ${FINAL}`,

  'low-consistency/in-app-message':
    'Hi {name}! Your check-in on {dueDate} shows you have been missing days with your skincare and supplements. Please get back on your routine today and reply here so I know you saw this. Thanks, and have a great day!',
  'low-consistency/follow-up-email': `Hi {name}, I just wanted to see if you saw my previous message about using your skincare and supplements every day since {dueDate}? Your regimen only works when it is used consistently: ${URGENCY} Please reply ASAP :)`,
  'low-consistency/follow-up-call': `Hi {name}, this is {coach}. How are you doing today? Great! I just wanted to call about your skincare and supplement use since your check-in on {dueDate}. Are you receiving our emails? Your regimen only works when it is used consistently, and ${URGENCY.charAt(0).toLowerCase()}${URGENCY.slice(1)}`,
  'low-consistency/text-and-email':
    "Hi {name}, this is {coach} at {practice}. I hope all is well! I am reaching out because since {dueDate} you have not been using your skincare and supplements consistently, and I have not received a reply from you in the app or to my phone call. Please reply back to this text and confirm you are receiving my messages. I don't want you to fall behind in your progress. If you do not follow your regimen, we are no longer able to guarantee that you will be clear, as you have not complied with your commitment to the program.",
  'low-consistency/non-compliance-report': REPORT('their skincare and supplement use has been inconsistent since {dueDate}'),
  'low-consistency/final-notice': `Hi {name}, if I don't hear back from you and see you back on your routine by the end of the week ({deadline}), I will end your program. ${FINAL}`,

  'pore-clogger-not-changed/in-app-message':
    'Hi {name}! On {dueDate} we asked you to change out a product with a pore clogger in it, and I see it has not been changed yet. Please switch it out ASAP and reply here so I know you saw this. Thanks, and have a great day!',
  'pore-clogger-not-changed/follow-up-email': `Hi {name}, I just wanted to see if you saw my previous message about changing out the pore clogger we found on {dueDate}? As long as you keep using it, your regimen cannot clear your skin, and you will start falling behind in the program. Please change it out ASAP :)`,
  'pore-clogger-not-changed/follow-up-call':
    'Hi {name}, this is {coach}. How are you doing today? Great! I just wanted to call and remind you to change out the pore clogger we found on {dueDate}. Are you receiving our emails? As long as you keep using it, your regimen cannot clear your skin, and you will start falling behind in the program.',
  'pore-clogger-not-changed/text-and-email':
    "Hi {name}, this is {coach} at {practice}. I hope all is well! I am reaching out because the pore clogger we found on {dueDate} has still not been changed out, and I have not received a reply from you in the app or to my phone call. Please reply back to this text and confirm you are receiving my messages. I don't want you to fall behind in your progress. If you keep using pore cloggers, we are no longer able to guarantee that you will be clear, as you have not complied with your commitment to the program.",
  'pore-clogger-not-changed/non-compliance-report': REPORT('a pore clogger found on {dueDate} has not been changed out'),
  'pore-clogger-not-changed/final-notice': `Hi {name}, if I don't hear back from you or see the pore clogger changed out by the end of the week ({deadline}), I will end your program. ${FINAL}`,
};

/** The values of the placeholders; `practice` and `deadline` are needed only by the texts that use them. */
export interface CheckInMessageValues {
  /** The client's name. */
  readonly name: string;
  /** The check-in's due day (the day the issue was raised), as the practice writes dates. */
  readonly dueDate: string;
  /** The coach's name. */
  readonly coach: string;
  /** The practice's name. */
  readonly practice?: string;
  /** The final notice's last day. */
  readonly deadline?: string;
}

const PLACEHOLDER = /\{(name|dueDate|coach|practice|deadline)\}/g;

/** The placeholders a text uses. */
export const templatePlaceholders = (text: string): readonly string[] =>
  [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ''))];

/**
 * The text of a template with its placeholders filled. Throws `RangeError` when the key has
 * no text or a placeholder it uses has no value (a set-up error, not a business rule).
 */
export const renderCheckInMessage = (
  key: string,
  values: CheckInMessageValues,
  templates: Readonly<Record<string, string>> = defaultCheckInTemplates,
): string => {
  const text = Object.hasOwn(templates, key) ? templates[key] : undefined;
  if (text === undefined) throw new RangeError(`There is no check-in message template "${key}"`);
  return text.replace(PLACEHOLDER, (_, name: keyof CheckInMessageValues) => {
    const value = values[name];
    if (value === undefined) throw new RangeError(`The template "${key}" uses {${name}} but no value was given for it`);
    return value;
  });
};
