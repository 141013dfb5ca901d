/** The storm's own CPU per welcome: report intervals without welcomes (before the storm, the rooms' afterlife) are not charged. */
import { describe, expect, it } from 'vitest';
import { StormCpu } from './connectScenario';

describe('StormCpu', () => {
  it('charges only the intervals in which welcomes arrived', () => {
    const cpu = [1000, 1050, 1550, 2050, 2100, 2150];
    let i = 0;
    const storm = new StormCpu(() => cpu[i++]);
    storm.sample(0); // 50 ms before the first connection: not charged
    storm.sample(4000); // 500 ms for 4,000 welcomes
    storm.sample(10_000); // 500 ms for 6,000
    storm.sample(10_000); // afterlife: not charged
    storm.sample(10_000);
    expect(storm.usPerWelcome).toBe(100);
  });

  it('has no figure without a server CPU reading or without welcomes', () => {
    const external = new StormCpu(() => null);
    external.sample(10);
    expect(external.usPerWelcome).toBeNull();
    const idle = new StormCpu(() => 5);
    idle.sample(0);
    expect(idle.usPerWelcome).toBeNull();
  });
});
