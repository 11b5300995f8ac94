// How long a Tagana task may stay unacknowledged before it is escalated, by priority: the more
// urgent the task, the sooner its team's coordinator, and then the province-level team, are
// called. Pure: the escalation SQL receives the tiers as JSON and picks the tier per task.
import { z } from 'zod';

export interface EscalationTier {
  /** Tasks with at least this priority (see task-priority.ts) use this tier. */
  minPriority: number;
  /** Seconds without acknowledgement before each escalation step. */
  seconds: number;
}

export interface EscalationPolicy {
  /** Any order; the tier with the highest minPriority at or below a task's priority applies. */
  tiers: EscalationTier[];
}

// Hazard scores are 100 × S × U × C: ≥ 3600 is e.g. Severe/Immediate/Observed (4800) or
// Extreme/Expected/Observed (4800); ≥ 1600 e.g. Moderate/Immediate/Observed (3200 sits in the middle tier).
export const DEFAULT_ESCALATION_POLICY: EscalationPolicy = {
  tiers: [
    { minPriority: 3600, seconds: 10 * 60 },
    { minPriority: 1600, seconds: 20 * 60 },
    { minPriority: 0, seconds: 45 * 60 },
  ],
};

const Policy = z
  .object({
    tiers: z.array(z.object({ minPriority: z.number().min(0), seconds: z.number().positive() })).min(1),
  })
  .refine((p) => p.tiers.some((t) => t.minPriority === 0), {
    message: 'one tier must start at minPriority 0, so that every task has a deadline',
    path: ['tiers'],
  });

/** Checks a policy (from a caller or a file); throws with every problem listed. */
export function parseEscalationPolicy(value: unknown): EscalationPolicy {
  const parsed = Policy.safeParse(value);
  if (!parsed.success)
    throw new Error(`escalation policy: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'policy'}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** Seconds a task of this priority may wait for acknowledgement before each escalation step. */
export function ackDeadlineSeconds(policy: EscalationPolicy, priority: number): number {
  const tier = [...policy.tiers].sort((a, b) => b.minPriority - a.minPriority).find((t) => priority >= t.minPriority);
  if (!tier) throw new Error(`escalation policy has no tier for priority ${priority}`);
  return tier.seconds;
}

/**
 * The policy from its config text, `minPriority:seconds` pairs separated by commas
 * (TAGANA_ESCALATION, default `3600:600,1600:1200,0:2700`); an error names the bad part.
 */
export function parseEscalationText(text: string): EscalationPolicy | { error: string } {
  const tiers: EscalationTier[] = [];
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const m = /^(\d+(?:\.\d+)?):(\d+)$/.exec(part);
    if (!m) return { error: `"${part}" is not minPriority:seconds (e.g. 3600:600)` };
    tiers.push({ minPriority: Number(m[1]), seconds: Number(m[2]) });
  }
  try {
    return parseEscalationPolicy({ tiers });
  } catch (err) {
    return { error: (err as Error).message };
  }
}

export const DEFAULT_ESCALATION_TEXT = DEFAULT_ESCALATION_POLICY.tiers.map((t) => `${t.minPriority}:${t.seconds}`).join(',');
