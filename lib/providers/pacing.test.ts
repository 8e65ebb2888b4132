import { describe, expect, it } from 'vitest';
import { currentPace, RequestNotSent, withPacing, type Pace } from './pacing';

describe('pacing', () => {
  it('is set only inside the work it was given, across awaits, and per concurrent work', async () => {
    const a: Pace = () => Promise.resolve();
    const b: Pace = () => Promise.resolve();
    expect(currentPace()).toBeUndefined();
    const seen = await Promise.all([
      withPacing(a, async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return currentPace();
      }),
      withPacing(b, async () => {
        await Promise.resolve();
        return currentPace();
      }),
    ]);
    expect(seen[0]).toBe(a);
    expect(seen[1]).toBe(b);
    expect(currentPace()).toBeUndefined();
  });

  it("passes a pace's refusal through as RequestNotSent", async () => {
    const refuse: Pace = () => Promise.reject(new RequestNotSent());
    await expect(withPacing(refuse, async () => currentPace()?.())).rejects.toBeInstanceOf(
      RequestNotSent,
    );
  });
});
