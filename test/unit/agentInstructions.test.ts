import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AGENT_BLOCK_END, AGENT_BLOCK_START, agentInstructions, withAgentInstructions } from '../../src/core';
import { main } from '../../src/cli/main';

describe('agent instructions', () => {
  it('name the tools an agent uses and ask it not to edit statuses by hand', () => {
    const block = agentInstructions();
    for (const tool of ['next_step', 'read_plan', 'set_status', 'check_plan', 'add_section']) assert.ok(block.includes(`\`${tool}\``), tool);
    assert.match(block, /rather than editing statuses by hand/);
    assert.ok(block.startsWith(AGENT_BLOCK_START) && block.trimEnd().endsWith(AGENT_BLOCK_END));
  });

  it('are appended once, and a second run replaces the block instead of adding one', () => {
    const first = withAgentInstructions('# Agents\n\nRun the linter.\n');
    assert.equal(first, '# Agents\n\nRun the linter.\n\n' + agentInstructions());
    assert.equal(withAgentInstructions(first), first);
    const stale = first.replace('Run `check_plan` before you finish', 'An older wording');
    assert.equal(withAgentInstructions(stale), first);
    const around = `intro\n\n${AGENT_BLOCK_START}\nold\n${AGENT_BLOCK_END}\n\n## After\n`;
    assert.equal(withAgentInstructions(around), `intro\n\n${agentInstructions()}\n## After\n`);
  });

  it('keep a CRLF file in CRLF, and fill an empty file with the block alone', () => {
    const out = withAgentInstructions('# Agents\r\n');
    assert.ok(!/[^\r]\n/.test(out), 'a bare LF slipped in');
    assert.equal(withAgentInstructions(''), agentInstructions());
  });

  it('phasewise agents prints them, and --write puts them into a file once', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phasewise-agents-'));
    try {
      let stdout = '';
      const io = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => true }, cwd: dir };
      assert.equal(await main(['agents'], io), 0);
      assert.equal(stdout, agentInstructions());
      fs.writeFileSync(path.join(dir, 'AGENTS.md'), '# Agents\n');
      assert.equal(await main(['agents', '--write', 'AGENTS.md'], io), 0);
      assert.equal(await main(['agents', '--write', 'AGENTS.md'], io), 0);
      assert.equal(fs.readFileSync(path.join(dir, 'AGENTS.md'), 'utf8'), withAgentInstructions('# Agents\n'));
      assert.equal(await main(['agents', '--write', 'NEW.md'], io), 0);
      assert.equal(fs.readFileSync(path.join(dir, 'NEW.md'), 'utf8'), agentInstructions());
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
