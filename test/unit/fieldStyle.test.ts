import assert from 'node:assert/strict';
import { applyEdits, insertTemplate, parsePlan, setPhaseStatus } from '../../src/core';
import { fieldStyleOf, formatField } from '../../src/core/fieldStyle';

const doc = (...lines: string[]): string => lines.join('\n') + '\n';

// Document fields in one style, phase Status lines in another, and a phase without a status.
const MIXED = `# Plan

**Owner:** Ana
**Started:** 2026-01-05
**Target:** March

## Phase 1: Intake

Status: Completed

## Phase 2: Review

Status: Completed

## Phase 3: Ship

Nothing here yet.
`;

describe('field style vote', () => {
  it('follows the phases’ Status lines, not the document header', () => {
    assert.equal(fieldStyleOf(parsePlan(MIXED)), 'plain');
  });

  it('a status edit and the next-phase template write the same style', () => {
    const plan = parsePlan(MIXED);
    const edited = applyEdits(MIXED, setPhaseStatus(MIXED, plan, 2, 'in-progress'));
    assert.match(edited, /## Phase 3: Ship\n\nStatus: In Progress\n/);
    const added = applyEdits(MIXED, insertTemplate(MIXED, plan, 'next-phase', { title: 'Later' }));
    assert.match(added, /## Phase 4: Later\n\nStatus: /);
  });

  it('without a Status line, the most used style wins; `**Key**:` needs to beat both others', () => {
    const vote = (...fields: string[]): string => fieldStyleOf(parsePlan(doc('# Plan', '', '## Phase 1: A', '', ...fields.flatMap((f) => [f, '']))));
    assert.equal(vote('Goal: a', 'Owner: b', 'Scope: c', '**Notes**: d'), 'plain');
    assert.equal(vote('**Goal**: a', '**Owner**: b', 'Scope: c'), 'colon-outside');
    assert.equal(vote('**Goal:** a', '**Owner**: b'), 'colon-inside');
    assert.equal(fieldStyleOf(parsePlan('# Empty\n')), 'colon-inside');
  });

  it('writes a field in each style', () => {
    assert.equal(formatField('colon-inside', 'Status', 'Done'), '**Status:** Done');
    assert.equal(formatField('colon-outside', 'Status', 'Done'), '**Status**: Done');
    assert.equal(formatField('plain', 'Status', 'Done'), 'Status: Done');
  });
});
