// The escalation policy from config: tiers by priority, the deadline a task gets, and clear errors.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { ackDeadlineSeconds, DEFAULT_ESCALATION_POLICY, parseEscalationText } from '../../src/policy/escalation-policy.ts';

describe('Tagana escalation policy', () => {
  it('picks the tier with the highest minimum priority at or below the task', () => {
    expect(ackDeadlineSeconds(DEFAULT_ESCALATION_POLICY, 4800)).toBe(600);
    expect(ackDeadlineSeconds(DEFAULT_ESCALATION_POLICY, 3200)).toBe(1200);
    expect(ackDeadlineSeconds(DEFAULT_ESCALATION_POLICY, 100)).toBe(2700);
  });

  it('reads TAGANA_ESCALATION text, in any order, and the default round-trips', () => {
    expect(parseEscalationText('0:900, 2000:300')).toEqual({
      tiers: [
        { minPriority: 0, seconds: 900 },
        { minPriority: 2000, seconds: 300 },
      ],
    });
    expect(loadConfig({}).tagana.escalation).toEqual(DEFAULT_ESCALATION_POLICY);
    expect(loadConfig({ TAGANA_ESCALATION: '0:60' }).tagana.escalation).toEqual({ tiers: [{ minPriority: 0, seconds: 60 }] });
  });

  it('refuses a policy that leaves some task without a deadline, or a malformed tier, saying which', () => {
    expect(parseEscalationText('3600:600')).toEqual({ error: expect.stringMatching(/minPriority 0/) });
    expect(parseEscalationText('0:600,fast')).toEqual({ error: '"fast" is not minPriority:seconds (e.g. 3600:600)' });
    expect(() => loadConfig({ TAGANA_ESCALATION: '0:-5' })).toThrow(ConfigError);
    expect(() => loadConfig({ TAGANA_ESCALATION: '0:-5' })).toThrow(/TAGANA_ESCALATION: "0:-5" is not minPriority:seconds/);
  });
});
