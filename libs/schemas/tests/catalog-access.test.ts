// Reading the governance access model for the catalog: a malformed or stale file is an error naming the file,
// the key path or the persona, table and column.
import { describe, expect, it } from "vitest";
import { AccessModelFileError, parseAccessModel, readersOf } from "../src/catalog/access.js";
import { registry } from "../src/index.js";

const table = (columns: string[], hidden: string[] = []) => ({
  table: "silver.customers",
  layer: "silver",
  dataset: "customers",
  columns,
  hidden,
  rowFilter: null,
});
const file = (tables: unknown[]) =>
  JSON.stringify({ stack: "dev", personas: [{ persona: "analyst", principal: "arn:x", tables }] });

describe("the access model file of the catalog", () => {
  it("gives each dataset the principals that read it, with their hidden columns", () => {
    const model = parseAccessModel(file([table(["customer_id"], ["email"])]), "a.json");
    expect(readersOf(model, registry.get("customers"), "a.json")).toEqual([
      {
        persona: "analyst",
        principal: "arn:x",
        columns: ["customer_id"],
        hidden: ["email"],
        rowFilter: null,
      },
    ]);
    expect(readersOf(model, registry.get("web_events"), "a.json")).toEqual([]);
  });

  it("refuses a file that is not JSON or lacks a key, naming the file and the key path", () => {
    expect(() => parseAccessModel("{", "a.json")).toThrow(/^a\.json: not JSON/);
    expect(() => parseAccessModel(file([{ ...table([]), hidden: undefined }]), "a.json")).toThrow(
      new AccessModelFileError(
        "a.json: personas.0.tables.0.hidden: Invalid input: expected array, received undefined",
      ),
    );
  });

  it("refuses a stale file: a column the contract does not have", () => {
    const model = parseAccessModel(file([table(["customer_id", "shoe_size"])]), "a.json");
    expect(() => readersOf(model, registry.get("customers"), "a.json")).toThrow(
      /a\.json: persona analyst \(arn:x\), table silver\.customers: column shoe_size is not in the contract; the file is stale/,
    );
  });
});
