import { describe, expect, it } from 'vitest';
import { nodeVersionProblem } from './node-version.js';

describe('nodeVersionProblem', () => {
  it.each(['20.20.2', '22.18.0', '18.0.0'])(
    'names the Node needed and how to get it on %s',
    (version) => {
      const problem = nodeVersionProblem(version);
      expect(problem).toContain('freechat needs Node 22.19 or newer');
      expect(problem).toContain(`this is Node ${version}`);
      expect(problem).toContain('Install Node 24');
      expect(problem).not.toContain('\n');
    },
  );

  it.each(['22.19.0', '22.23.3', '24.21.0', '25.0.0'])('has nothing to say on %s', (version) => {
    expect(nodeVersionProblem(version)).toBeUndefined();
  });
});
