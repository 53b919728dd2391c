// The trigger prefilter: most firmware files hold nothing any rule could match, and parsing is the
// expensive step. Each rule declares the words without which it cannot fire; one linear pass
// (Aho–Corasick over lower-cased text) tells whether a file holds any of them. In C-like files a
// lexer runs alongside, so words inside comments (licence headers full of `http://`) do not count
// for triggers that only matter in code.

export interface Trigger {
  /** Matched case-insensitively. */
  readonly text: string;
  /** `code`: ignored inside C-style comments; `anywhere`: counts everywhere (e.g. suppression comments). */
  readonly scope: "code" | "anywhere";
  /** Who declared it (a rule's index), for `owners()`. */
  readonly owner?: number;
}

interface AutomatonNode {
  readonly next: Map<number, number>;
  fail: number;
  /** Strongest scope of a trigger ending here (or via failure links): 2 anywhere, 1 code, 0 none. */
  output: number;
  /** Per owner, the strongest scope of its triggers ending here (merged along failure links). */
  owners: Map<number, number>;
}

const SCOPE_RANK = { code: 1, anywhere: 2 } as const;

function lower(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

export class TriggerSet {
  private readonly nodes: AutomatonNode[] = [{ next: new Map(), fail: 0, output: 0, owners: new Map() }];
  private readonly ownerCount: number;

  constructor(triggers: readonly Trigger[]) {
    for (const trigger of triggers) {
      let state = 0;
      for (let i = 0; i < trigger.text.length; i++) {
        const code = lower(trigger.text.charCodeAt(i));
        let next = this.nodes[state]!.next.get(code);
        if (next === undefined) {
          next = this.nodes.length;
          this.nodes.push({ next: new Map(), fail: 0, output: 0, owners: new Map() });
          this.nodes[state]!.next.set(code, next);
        }
        state = next;
      }
      const node = this.nodes[state]!;
      node.output = Math.max(node.output, SCOPE_RANK[trigger.scope]);
      const owner = trigger.owner ?? 0;
      node.owners.set(owner, Math.max(node.owners.get(owner) ?? 0, SCOPE_RANK[trigger.scope]));
    }
    this.ownerCount = new Set(triggers.map((t) => t.owner ?? 0)).size;
    // Breadth-first failure links, merging outputs so a match is seen wherever it ends.
    const queue: number[] = [];
    for (const child of this.nodes[0]!.next.values()) queue.push(child);
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head]!;
      const node = this.nodes[state]!;
      for (const [code, child] of node.next) {
        let fail = node.fail;
        while (fail !== 0 && !this.nodes[fail]!.next.has(code)) fail = this.nodes[fail]!.fail;
        const target = this.nodes[fail]!.next.get(code);
        const childNode = this.nodes[child]!;
        childNode.fail = target !== undefined && target !== child ? target : 0;
        childNode.output = Math.max(childNode.output, this.nodes[childNode.fail]!.output);
        for (const [owner, rank] of this.nodes[childNode.fail]!.owners) childNode.owners.set(owner, Math.max(childNode.owners.get(owner) ?? 0, rank));
        queue.push(child);
      }
    }
  }

  /** Dense ASCII transition table (state × 128), failure links resolved: one lookup per character. */
  private table: Int32Array | undefined;

  private dense(): Int32Array {
    if (this.table) return this.table;
    const nodes = this.nodes;
    const table = new Int32Array(nodes.length * 128);
    // Breadth-first order guarantees a state's failure target is filled before the state itself.
    const order: number[] = [0];
    for (let head = 0; head < order.length; head++) for (const child of nodes[order[head]!]!.next.values()) order.push(child);
    for (const state of order) {
      for (let code = 0; code < 128; code++) {
        const next = nodes[state]!.next.get(code);
        table[state * 128 + code] = next !== undefined ? next : state === 0 ? 0 : table[nodes[state]!.fail * 128 + code]!;
      }
    }
    this.table = table;
    return table;
  }

  private outputRanks: Int8Array | undefined;

  /** Non-zero where some trigger ends (directly or through failure links). */
  private outputs(): Int8Array {
    this.outputRanks ??= Int8Array.from(this.nodes, (n) => n.output);
    return this.outputRanks;
  }

  get empty(): boolean {
    return this.nodes.length === 1;
  }

  /** Whether the text holds a trigger where it counts. `cLike` turns on comment awareness. */
  matches(text: string, cLike: boolean): boolean {
    let found = false;
    this.scan(text, cLike, (state, inCode) => {
      const output = this.nodes[state]!.output;
      found = output === 2 || (output === 1 && inCode);
      return found;
    });
    return found;
  }

  /** The owners (rules) with a trigger in the text where it counts; one pass, stops once all are found. */
  owners(text: string, cLike: boolean): Set<number> {
    const found = new Set<number>();
    this.scan(text, cLike, (state, inCode) => {
      const owners = this.nodes[state]!.owners;
      if (owners.size === 0) return false;
      for (const [owner, rank] of owners) if (rank === 2 || inCode) found.add(owner);
      return found.size === this.ownerCount;
    });
    return found;
  }

  /** Runs the automaton (and, for C-like text, a comment lexer); `visit` returns true to stop. */
  private scan(text: string, cLike: boolean, visit: (state: number, inCode: boolean) => boolean): void {
    const table = this.dense();
    const outputs = this.outputs();
    let state = 0;
    // Lexer states for C-like text: 0 code, 1 line comment, 2 block comment, 3 string, 4 char literal.
    let lexer = 0;
    for (let i = 0; i < text.length; i++) {
      const raw = text.charCodeAt(i);
      if (cLike) {
        if (lexer === 0) {
          if (raw === 47 /* / */) {
            const next = text.charCodeAt(i + 1);
            if (next === 47) lexer = 1;
            else if (next === 42) lexer = 2;
          } else if (raw === 34 /* " */) lexer = 3;
          else if (raw === 39 /* ' */) lexer = 4;
        } else if (lexer === 1) {
          if (raw === 10) lexer = 0;
        } else if (lexer === 2) {
          if (raw === 42 && text.charCodeAt(i + 1) === 47) {
            lexer = 0;
            // Step over the `*/` so its `/` does not open a comment again.
            state = 0;
            i++;
            continue;
          }
        } else if (raw === 92 /* \ */) {
          i++;
          continue;
        } else if ((lexer === 3 && raw === 34) || (lexer === 4 && raw === 39) || raw === 10) {
          lexer = 0;
        }
      }
      // Triggers are ASCII: any other character resets the automaton.
      state = raw < 128 ? table[state * 128 + lower(raw)]! : 0;
      if (state !== 0 && outputs[state] !== 0 && visit(state, lexer === 0 || lexer >= 3)) return;
    }
  }
}
