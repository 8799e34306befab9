// The agent tools are written once (src/core/agentTools.ts): VS Code's manifest declares the
// same tools with the same schemas, and the language-model tools read paths and confirm edits
// the way a model and a user need.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod/mini';
import { AGENT_TOOLS, AGENT_TOOL_INPUTS, AGENT_TOOL_NAMES, agentToolJsonSchema, withToolNames } from '../../src/core';
import {
  LM_TOOL_PREFIX,
  candidatePaths,
  escapeMarkdown,
  isAbsoluteToolPath,
  sectionConfirmation,
  statusConfirmation,
  toolPathSegments,
} from '../../src/host/tools/paths';
import { UPDATE_FIXTURES } from '../support/fixtures';
import { ROOT } from './manifest';

interface ToolContribution {
  name: string;
  displayName: string;
  toolReferenceName: string;
  canBeReferencedInPrompt: boolean;
  icon: string;
  tags: string[];
  userDescription: string;
  modelDescription: string;
  inputSchema: Record<string, unknown>;
}

/** What package.json must declare for the tools, from the one table. */
function expectedContributions(): ToolContribution[] {
  return AGENT_TOOL_NAMES.map((n) => ({
    name: LM_TOOL_PREFIX + n,
    displayName: AGENT_TOOLS[n].displayName,
    toolReferenceName: AGENT_TOOLS[n].referenceName,
    canBeReferencedInPrompt: true,
    icon: '$(checklist)',
    tags: ['phasewise', 'plans'],
    userDescription: AGENT_TOOLS[n].userDescription,
    modelDescription: withToolNames(AGENT_TOOLS[n].modelDescription, LM_TOOL_PREFIX),
    inputSchema: agentToolJsonSchema(n, LM_TOOL_PREFIX),
  }));
}

describe('agent tools', () => {
  const file = join(ROOT, 'package.json');
  const pkg = JSON.parse(readFileSync(file, 'utf8')) as { contributes: { languageModelTools?: ToolContribution[] } };

  it('package.json declares the six tools as the core defines them (PHASEWISE_UPDATE_FIXTURES=1 rewrites it)', () => {
    const expected = expectedContributions();
    if (UPDATE_FIXTURES && JSON.stringify(pkg.contributes.languageModelTools) !== JSON.stringify(expected)) {
      pkg.contributes.languageModelTools = expected;
      writeFileSync(file, JSON.stringify(pkg, null, 2) + '\n');
    }
    assert.deepEqual(pkg.contributes.languageModelTools, expected);
  });

  it('names every tool once, with texts for the model and the user and a unique reference name', () => {
    assert.deepEqual(AGENT_TOOL_NAMES, ['list_plans', 'read_plan', 'next_step', 'set_status', 'check_plan', 'add_section']);
    const refs = new Set(AGENT_TOOL_NAMES.map((n) => AGENT_TOOLS[n].referenceName));
    assert.equal(refs.size, AGENT_TOOL_NAMES.length);
    for (const n of AGENT_TOOL_NAMES) {
      assert.ok(AGENT_TOOLS[n].modelDescription.length > 60, `${n} tells the model enough`);
      assert.match(AGENT_TOOLS[n].referenceName, /^[A-Za-z][\w-]*$/);
    }
    assert.deepEqual(
      AGENT_TOOL_NAMES.filter((n) => AGENT_TOOLS[n].edits),
      ['set_status', 'add_section'],
    );
  });

  it('names the other tools in a description as they are registered, without touching other words', () => {
    assert.equal(
      withToolNames('Pass the revision to set_status; see read_plan.', 'phasewise_'),
      'Pass the revision to phasewise_set_status; see phasewise_read_plan.',
    );
    assert.equal(withToolNames('set_status', ''), 'set_status');
    assert.equal(withToolNames('reset_status_x', 'phasewise_'), 'reset_status_x');
  });

  it('validates input the way the declared schema says: required file, one positive line, a known template', () => {
    const setStatus = z.object(AGENT_TOOL_INPUTS.set_status);
    assert.ok(setStatus.safeParse({ file: 'plan.md', phase: '2', status: 'completed' }).success);
    assert.ok(!setStatus.safeParse({ phase: '2', status: 'completed' }).success, 'file is required');
    assert.ok(!setStatus.safeParse({ file: 'plan.md', line: 0, status: 'done' }).success, 'lines are 1-based');
    assert.ok(!z.object(AGENT_TOOL_INPUTS.add_section).safeParse({ file: 'plan.md', template: 'chapter' }).success);
    const schema = agentToolJsonSchema('set_status') as { required: string[]; properties: Record<string, unknown> };
    assert.deepEqual(schema.required, ['file', 'status']);
    assert.deepEqual(Object.keys(schema.properties), ['file', 'phase', 'task', 'line', 'status', 'revision']);
  });
});

describe('language-model tool paths and confirmations', () => {
  it('resolves . and .. inside the workspace, and refuses a path that climbs out of it', () => {
    assert.deepEqual(toolPathSegments('docs/plan.md'), ['docs', 'plan.md']);
    assert.deepEqual(toolPathSegments('./docs//old/../plan.md'), ['docs', 'plan.md']);
    assert.deepEqual(toolPathSegments('docs\\plan.md'), ['docs', 'plan.md']);
    assert.throws(() => toolPathSegments('../secrets.md'), /outside the workspace/);
    assert.throws(() => toolPathSegments('docs/../../x.md'), /outside the workspace/);
    assert.throws(() => toolPathSegments('.'), /workspace folder itself/);
    assert.throws(() => toolPathSegments('  '), /path inside the workspace/);
    assert.throws(() => toolPathSegments('plan\0.md'), /path inside the workspace/);
  });

  it('tells absolute paths from relative ones, on every platform', () => {
    for (const p of ['/home/me/plan.md', 'C:\\work\\plan.md', 'd:/plan.md', '\\\\server\\share\\plan.md']) assert.ok(isAbsoluteToolPath(p), p);
    for (const p of ['plan.md', 'docs/plan.md', '.\\plan.md']) assert.ok(!isAbsoluteToolPath(p), p);
  });

  it('in a multi-root workspace, also tries a path that starts with the folder name inside that folder', () => {
    assert.deepEqual(candidatePaths(['api', 'PLAN.md'], 'api', true), [['PLAN.md'], ['api', 'PLAN.md']]);
    assert.deepEqual(candidatePaths(['api', 'PLAN.md'], 'api', false), [['api', 'PLAN.md']]);
    assert.deepEqual(candidatePaths(['PLAN.md'], 'PLAN.md', true), [['PLAN.md']]);
  });

  it('a confirmation names the file, the phase or task and the change', () => {
    const c = statusConfirmation('docs/plan.md', 'Phase 3: Parser', 'in-progress', 'completed');
    assert.match(c.title, /^Phasewise: /);
    assert.equal(c.message, 'docs/plan.md: Phase 3: Parser — In progress → Completed');
    assert.equal(statusConfirmation('plan.md', undefined, undefined, 'blocked').message, 'plan.md: the phase or task named — to Blocked');
    assert.equal(sectionConfirmation('plan.md', 'next-phase', 'Export').message, 'plan.md: insert next-phase “Export”');
  });

  it('shows plan text in a confirmation as text: links, emphasis and HTML are escaped', () => {
    assert.equal(escapeMarkdown('[click](http://x) *now* <b>&amp;</b>'), '\\[click\\]\\(http://x\\) \\*now\\* \\<b\\>\\&amp;\\</b\\>');
    assert.equal(escapeMarkdown('Phase 3: Parser'), 'Phase 3: Parser');
  });
});
