import { z } from "zod";
import { col } from "../columns.js";
import { defineDataset } from "../define.js";

const count = (description: string) => col.bigint().meta({ description });
const money = (description: string) => col.decimal(18, 2).meta({ description });

export const customer360 = defineDataset({
  name: "customer_360",
  layer: "gold",
  domain: "analytics",
  description:
    "One row per customer and snapshot date: profile, purchase, support and web engagement metrics, segment " +
    "and churn risk, built from the silver tables. Counts and sums are 0 when there is no activity; dates and " +
    "averages are null then.",
  owner: "analytics-data@example.com",
  format: "iceberg",
  derivedFrom: ["customers", "transactions", "support_tickets", "web_events"],
  primaryKey: ["customer_id", "snapshot_date"],
  partitionKeys: ["snapshot_date", "customer_segment"],
  columns: z.object({
    customer_id: z.string().meta({ description: "CRM identifier of the customer." }),
    full_name: z
      .string()
      .nullable()
      .meta({ description: "First and last name joined by a space.", classification: "pii" }),
    email: z
      .string()
      .nullable()
      .meta({ description: "Primary email address.", classification: "pii", mask: "email" }),
    phone: z
      .string()
      .nullable()
      .meta({ description: "Phone number, digits only.", classification: "pii", mask: "phone" }),
    country: z.string().nullable().meta({ description: "Country from the customer's address." }),
    status: z.string().nullable().meta({ description: "Account status in the CRM." }),
    total_transactions: count("Number of transactions up to the snapshot date."),
    lifetime_value: money("Sum of completed transaction amounts up to the snapshot date."),
    avg_transaction_amount: col
      .decimal(18, 2)
      .nullable()
      .meta({ description: "Mean transaction amount; null without transactions." }),
    first_transaction_date: z.iso.date().nullable().meta({ description: "Date of the first transaction." }),
    last_transaction_date: z.iso.date().nullable().meta({ description: "Date of the latest transaction." }),
    unique_categories_purchased: z
      .int32()
      .meta({ description: "Number of distinct product categories bought." }),
    categories_list: z
      .array(z.string())
      .nullable()
      .meta({ description: "Distinct product categories bought, sorted." }),
    transactions_last_30_days: z
      .int32()
      .meta({ description: "Transactions in the 30 days up to the snapshot date." }),
    revenue_last_30_days: money("Completed amount in the 30 days up to the snapshot date."),
    total_tickets: count("Support tickets opened up to the snapshot date."),
    open_tickets: count("Tickets not yet resolved or closed at the snapshot date."),
    avg_resolution_time_hours: z
      .number()
      .nullable()
      .meta({ description: "Mean hours to resolve a ticket; null without resolved tickets." }),
    last_ticket_date: z.iso.date().nullable().meta({ description: "Date the latest ticket was opened." }),
    avg_satisfaction_score: z
      .number()
      .nullable()
      .meta({ description: "Mean satisfaction score (0-100); null without answered surveys." }),
    total_web_visits: count("Web events recorded for the customer up to the snapshot date."),
    unique_sessions: count("Distinct browser sessions of the customer."),
    total_time_spent_seconds: count("Seconds spent on the website in total."),
    last_visit_date: z.iso.date().nullable().meta({ description: "Date of the latest web event." }),
    visited_categories: z
      .array(z.string())
      .nullable()
      .meta({ description: "Distinct site sections visited, sorted." }),
    customer_lifetime_months: z
      .number()
      .nullable()
      .meta({ description: "Months from account creation to the snapshot date." }),
    average_monthly_revenue: col
      .decimal(18, 2)
      .nullable()
      .meta({ description: "lifetime_value divided by customer_lifetime_months (at least one month)." }),
    days_since_last_transaction: z
      .int32()
      .nullable()
      .meta({ description: "Days from the latest transaction to the snapshot date." }),
    days_since_last_visit: z
      .int32()
      .nullable()
      .meta({ description: "Days from the latest web event to the snapshot date." }),
    customer_segment: z.enum(["VIP", "High Value", "Medium Value", "Low Value"]).meta({
      description:
        "Value segment from lifetime value: VIP above 10,000, High Value above 5,000, Medium Value above " +
        "1,000, else Low Value.",
    }),
    churn_risk_score: z
      .number()
      .nullable()
      .meta({
        description:
          "Churn risk from 0 to 100: 0.4 x days since the last transaction + 0.3 x days since the last visit " +
          "(each capped at 100, 100 when never) + 0.3 x (100 - average satisfaction, 50 when unrated).",
      }),
    churn_risk_category: z
      .enum(["High Risk", "Medium Risk", "Low Risk"])
      .meta({ description: "churn_risk_score banded into three categories." }),
    snapshot_date: z.iso.date().meta({ description: "The date the metrics are computed for." }),
  }),
  rules: [
    { kind: "not_null", column: "customer_id", severity: "blocking" },
    { kind: "unique", columns: ["customer_id", "snapshot_date"], severity: "blocking" },
    { kind: "range", column: "lifetime_value", min: 0, severity: "blocking" },
    { kind: "range", column: "churn_risk_score", min: 0, max: 100, severity: "warning" },
    { kind: "row_count", min: 1, severity: "blocking" },
  ],
});
