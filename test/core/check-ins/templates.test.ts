import { describe, expect, it } from 'vitest';
import { isLeft, isRight } from 'fp-ts/lib/Either.js';
import {
  COMPLIANCE_ISSUES,
  CheckInPolicyInputC,
  checkInTemplateKey,
  defaultCheckInPolicy,
  defaultCheckInTemplates,
  renderCheckInMessage,
  resolveCheckInPolicy,
  templatePlaceholders,
  type CheckInTemplateStep,
} from '../../../core/check-ins/index.js';

const STEPS: readonly CheckInTemplateStep[] = ['in-app-message', 'follow-up-email', 'follow-up-call', 'text-and-email', 'non-compliance-report', 'final-notice'];

describe('message templates', () => {
  it('every step of every issue has a text that uses only the known placeholders, name and due date always', () => {
    for (const issue of COMPLIANCE_ISSUES) {
      for (const step of STEPS) {
        const text = defaultCheckInTemplates[checkInTemplateKey(issue, step)];
        expect(text.length).toBeGreaterThan(40);
        expect(text.replace(/\{(name|dueDate|coach|practice|deadline)\}/g, '')).not.toMatch(/[{}]/);
        expect(templatePlaceholders(text)).toContain('name');
        if (step !== 'final-notice') expect(templatePlaceholders(text)).toContain('dueDate');
      }
    }
    expect(Object.keys(defaultCheckInTemplates)).toHaveLength(COMPLIANCE_ISSUES.length * STEPS.length);
  });

  it('the seed\'s first message: "Your check in was due yesterday"', () => {
    expect(renderCheckInMessage('missed-check-in/in-app-message', { name: 'Maya', dueDate: 'March 5', coach: 'Ann' })).toBe(
      'Hi Maya! Your check in was due yesterday, March 5. Please submit your check-in ASAP, and I will get your regimen changes to you. Thanks, and have a great day!',
    );
  });

  it('the phone script introduces the coach, the text names the practice, the final notice its deadline', () => {
    const values = { name: 'Maya', dueDate: 'March 5', coach: 'Ann', practice: 'Natural Acne Clinic', deadline: 'Sunday, March 16' };
    expect(renderCheckInMessage('missed-check-in/follow-up-call', values)).toMatch(/^Hi Maya, this is Ann\. .*due on March 5\..*within 3-weeks/);
    expect(renderCheckInMessage('missed-check-in/text-and-email', values)).toMatch(/^Hi Maya, this is Ann at Natural Acne Clinic\./);
    expect(renderCheckInMessage('missed-check-in/final-notice', values)).toContain('by the end of the week (Sunday, March 16), I will end your program');
  });

  it('templates are policy: a practice passes its own texts', () => {
    const mine = { ...defaultCheckInTemplates, 'missed-check-in/in-app-message': 'Hey {name}, check in please ({dueDate}).' };
    expect(renderCheckInMessage('missed-check-in/in-app-message', { name: 'Maya', dueDate: '3/5', coach: 'Ann' }, mine)).toBe('Hey Maya, check in please (3/5).');
  });

  it('an unknown key or a missing value is a set-up error', () => {
    expect(() => renderCheckInMessage('missed-check-in/nope', { name: 'M', dueDate: 'd', coach: 'c' })).toThrow(RangeError);
    expect(() => renderCheckInMessage('missed-check-in/text-and-email', { name: 'M', dueDate: 'd', coach: 'c' })).toThrow(/\{practice\}/);
  });
});

describe('the check-in policy', () => {
  it('defaults to the seed: 24 h, then 48 h waits; in-app, email or phone, text and email, team chat, in-app; Sunday; 21 days', () => {
    expect(resolveCheckInPolicy()).toEqual(defaultCheckInPolicy);
    expect(defaultCheckInPolicy).toMatchObject({
      timeZone: 'UTC',
      checkInEveryDays: 14,
      waits: { inAppMessage: 24, followUp: 48, textAndEmail: 48, nonComplianceReport: 48 },
      emailOpenLookbackDays: 30,
      deadline: { weekEndsOn: 7, minimumNoticeHours: 0 },
      regimenWindowDays: 21,
    });
  });
  it('fills what a practice leaves out, at any depth', () => {
    const decoded = CheckInPolicyInputC.decode({ timeZone: 'Europe/Paris', waits: { followUp: 24, textAndEmail: undefined } });
    if (!isRight(decoded)) throw new Error('the policy should decode');
    const policy = resolveCheckInPolicy(decoded.right);
    expect(policy.timeZone).toBe('Europe/Paris');
    expect(policy.waits).toEqual({ inAppMessage: 24, followUp: 24, textAndEmail: 48, nonComplianceReport: 48 });
    expect(policy.channels).toEqual(defaultCheckInPolicy.channels);
  });
  it('refuses an unknown time zone, a negative wait and an empty list of channels', () => {
    expect(isLeft(CheckInPolicyInputC.decode({ timeZone: 'Europe/Atlantis' }))).toBe(true);
    expect(isLeft(CheckInPolicyInputC.decode({ waits: { followUp: -2 } }))).toBe(true);
    expect(isLeft(CheckInPolicyInputC.decode({ channels: { textAndEmail: [] } }))).toBe(true);
  });
});
