import { describe, expect, it } from 'vitest';
import { creditsHistoryDemo } from '../../examples/credits-history.js';

describe('the credits history demo', () => {
  it('runs and shows a credit history with every kind of reason', async () => {
    const lines: string[] = [];
    await creditsHistoryDemo((line) => lines.push(line));
    const text = lines.join('\n');
    for (const reason of [
      'package_purchased',
      'membership_period',
      'renewal_cycle',
      'promotional_grant',
      'courtesy_grant',
      'manual_grant',
      'appointment_scheduled',
      'cancellation_restore ',
      'cancellation_restore_expired',
      'cancellation_restore_voided',
      'cancellation_not_restored',
      'manual_adjustment',
      'settings_change',
      'expiry ',
      'voided',
      'expiry_extended',
      'rollover',
      'transfer_out',
      'transfer_reversed',
      'debt_repaid',
    ]) {
      expect(text, reason).toContain(reason);
    }
    expect(text).toContain('Sam — Follow-up: transfer_in +2');
  });
});
