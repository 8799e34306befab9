import assert from 'node:assert/strict';
import { formatTimestamp, isoDate } from '../../src/core/dates';

describe('dates', () => {
  const now = new Date(2026, 10, 1, 9, 5); // local time

  it('writes YYYY-MM-DD in local time, zero-padded', () => {
    assert.equal(isoDate(now), '2026-11-01');
  });

  it('keeps the shape of the value it replaces: a date alone stays a date', () => {
    assert.equal(formatTimestamp(now, '2025-01-03'), '2026-11-01');
    assert.equal(formatTimestamp(now, 'YYYY-MM-DD'), '2026-11-01');
  });

  it('writes the time where the value had one, or had no date at all', () => {
    assert.equal(formatTimestamp(now, '2025-01-03 17:40'), '2026-11-01 09:05');
    assert.equal(formatTimestamp(now, 'YYYY-MM-DD HH:MM'), '2026-11-01 09:05');
    assert.equal(formatTimestamp(now, ''), '2026-11-01 09:05');
    assert.equal(formatTimestamp(now, 'not yet'), '2026-11-01 09:05');
  });
});
