/**
 * The model's nodes. The most numerous model objects (fields, tasks, status marks, table cells)
 * keep their offsets as numbers and hand out `Range` objects on access: a model rebuilt after
 * every keystroke then allocates one object per element instead of three or four.
 *
 * Facts are relative to the text their block was parsed from; the builder places them in the
 * document with the functions below, at `off` characters and `ln` lines.
 */
import type { Field, FieldStyle, OverviewTable, Range, Status, StatusMark, TableCell, TableRow, Task, TaskKind } from '../model';
import type { Block, RelField, RelMark, RelRow, TableFacts } from './types';

export class MarkNode implements StatusMark {
  constructor(
    readonly status: Status,
    readonly text: string,
    readonly source: StatusMark['source'],
    private readonly s: number,
    private readonly e: number,
    private readonly ps: number,
    private readonly pe: number,
  ) {}
  get range(): Range {
    return { start: this.s, end: this.e };
  }
  get phraseRange(): Range {
    return { start: this.ps, end: this.pe };
  }
}

export class FieldNode implements Field {
  constructor(
    readonly key: string,
    readonly name: string,
    readonly value: string,
    readonly line: number,
    readonly style: FieldStyle,
    readonly s: number,
    private readonly e: number,
    private readonly vs: number,
  ) {}
  get range(): Range {
    return { start: this.s, end: this.e };
  }
  get valueRange(): Range {
    // The value is the text of its range, so its end is not stored.
    return { start: this.vs, end: this.vs + this.value.length };
  }
}

export class CellNode implements TableCell {
  constructor(
    readonly text: string,
    readonly s: number,
    readonly e: number,
  ) {}
  get range(): Range {
    return { start: this.s, end: this.e };
  }
}

export class TaskNode implements Task {
  // Set on the few tasks that have them (not initialised: most tasks never carry them).
  declare headingMark?: StatusMark;
  declare rowMark?: StatusMark;
  declare echoMark?: StatusMark;
  declare parallel?: boolean;
  declare story?: string;
  declare requirements?: string[];
  declare criterion?: boolean;
  declare optional?: boolean;
  declare frontMatter?: boolean;
  declare estimate?: number;
  declare actual?: number;
  declare priority?: string;
  constructor(
    readonly kind: TaskKind,
    readonly id: string | undefined,
    readonly title: string,
    public status: Status,
    public mark: StatusMark | undefined,
    readonly line: number,
    readonly depth: number,
    readonly parent: number | undefined,
    readonly phase: number | undefined,
    readonly s: number,
    private readonly e: number,
    readonly ss: number,
    /** The end of a tracker entry's section is known when the next heading closes it. */
    public se: number,
  ) {}
  get range(): Range {
    return { start: this.s, end: this.e };
  }
  get sectionRange(): Range {
    return { start: this.ss, end: this.se };
  }
}

export function absMark(m: RelMark, off: number): StatusMark {
  return new MarkNode(m.status, m.text, m.source, m.start + off, m.end + off, m.phraseStart + off, m.phraseEnd + off);
}

export function fieldMark(f: RelField, off: number): StatusMark {
  const p = f.status!;
  const base = f.valueStart + off;
  return new MarkNode(p.status, f.value, 'field', base, base + f.value.length, base + p.phraseStart, base + p.phraseEnd);
}

function absRow(r: RelRow, off: number, ln: number): TableRow {
  return {
    cells: r.cells.map((c) => new CellNode(c.text, c.s + off, c.e + off)),
    range: { start: r.start + off, end: r.end + off },
    line: r.line + ln,
  };
}

export function overviewTable(ov: NonNullable<TableFacts['overview']>, b: Block, off: number, ln: number): OverviewTable {
  const table: OverviewTable = {
    range: { start: b.start + off, end: b.end + off },
    line: b.line + ln,
    header: absRow(ov.header, off, ln),
    rows: [],
    phaseColumn: ov.phaseColumn,
    statusColumn: ov.statusColumn,
  };
  if (ov.nameColumn !== undefined) table.nameColumn = ov.nameColumn;
  for (const r of ov.rows) {
    const row = absRow(r, off, ln);
    const cell = r.cells[ov.statusColumn];
    const base = cell.s + off;
    table.rows.push({
      cells: row.cells,
      range: row.range,
      line: row.line,
      key: r.key,
      status: r.status,
      mark: new MarkNode(r.status, cell.text, 'table', base, cell.e + off, base + r.phraseStart, base + r.phraseEnd),
    });
  }
  return table;
}
