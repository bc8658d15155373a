/** One thing wrong with a contract: where it is, what is wrong, and how to fix it. */
export interface ContractProblem {
  readonly dataset?: string;
  /** Column, nested field path (`address.city`) or contract key (`partitionKeys`, `rules[2]`). */
  readonly field?: string;
  readonly message: string;
  readonly fix: string;
}

function describeProblem(p: ContractProblem): string {
  const where = [p.dataset && `dataset "${p.dataset}"`, p.field && `field "${p.field}"`]
    .filter(Boolean)
    .join(", ");
  return `${where ? `${where}: ` : ""}${p.message} Fix: ${p.fix}`;
}

/**
 * The only error a bad contract produces. It carries every problem found, so an author fixes a contract in one
 * pass; `dataset` and `field` name the first problem for callers that only want one location.
 */
export class ContractError extends Error {
  readonly dataset?: string;
  readonly field?: string;
  readonly problems: readonly ContractProblem[];

  constructor(problems: readonly ContractProblem[]) {
    const list = problems.length > 0 ? problems : [{ message: "Invalid contract.", fix: "See CONTRACT.md." }];
    const first = list[0]!;
    const message =
      list.length === 1
        ? describeProblem(first)
        : `${list.length} contract problems:\n${list.map((p) => `  - ${describeProblem(p)}`).join("\n")}`;
    super(message);
    this.name = "ContractError";
    this.dataset = first.dataset;
    this.field = first.field;
    this.problems = list;
  }
}

/** Collects problems while a contract is checked; `throwIfAny` raises them together. */
export class ProblemList {
  private readonly items: ContractProblem[] = [];

  constructor(private readonly dataset?: string) {}

  add(field: string | undefined, message: string, fix: string): void {
    this.items.push({ dataset: this.dataset, field, message, fix });
  }

  addAll(problems: readonly ContractProblem[]): void {
    this.items.push(...problems);
  }

  get all(): readonly ContractProblem[] {
    return this.items;
  }

  throwIfAny(): void {
    if (this.items.length > 0) throw new ContractError(this.items);
  }
}
