// What a stack creates per dataset, kept by dataset name: the stack links a job to its table by name, never by
// position, and exports per-dataset names as one record.
import type { DatasetContract } from "@lake/schemas";
import * as pulumi from "@pulumi/pulumi";

export class DatasetMap<T> {
  private readonly byName: ReadonlyMap<string, T>;

  constructor(entries: Iterable<readonly [string, T]>) {
    this.byName = new Map(entries);
  }

  /** The entry of `dataset`; an error naming it when the stack created none. */
  get(dataset: string): T {
    const found = this.byName.get(dataset);
    if (found === undefined) {
      throw new Error(
        `no entry for dataset ${dataset}; the stack has: ${[...this.byName.keys()].join(", ")}`,
      );
    }
    return found;
  }

  /** Dataset names, in the order the entries were created. */
  names(): string[] {
    return [...this.byName.keys()];
  }

  values(): T[] {
    return [...this.byName.values()];
  }

  /** One record `{ <dataset>: value }` of an output of each entry (a job name, a table name), for stack outputs. */
  record<V>(select: (entry: T) => pulumi.Input<V>): pulumi.Output<Record<string, V>> {
    const names = this.names();
    return pulumi
      .all(this.values().map((entry) => pulumi.output(select(entry))))
      .apply((values) => Object.fromEntries(names.map((name, i) => [name, values[i] as V])));
  }
}

/** `create` for each contract, by dataset name. */
export function perDataset<T>(
  contracts: readonly DatasetContract[],
  create: (contract: DatasetContract) => T,
): DatasetMap<T> {
  return new DatasetMap(contracts.map((c) => [c.name, create(c)] as const));
}
