import { describe, expect, it } from 'vitest';
import { formatToolArguments } from './tool-calls.js';

describe('formatToolArguments', () => {
  it('indents JSON arguments for reading', () => {
    expect(formatToolArguments('{"city":"Paris","days":[1,2]}')).toBe(
      '{\n  "city": "Paris",\n  "days": [\n    1,\n    2\n  ]\n}',
    );
  });

  it('shows arguments that are not (yet) JSON as they came', () => {
    expect(formatToolArguments('{"city":"Par')).toBe('{"city":"Par');
  });
});
