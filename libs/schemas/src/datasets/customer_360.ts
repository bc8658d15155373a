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
  // Each description is the metric's definition, as the builder computes it (libs/spark-jobs
  // silver_to_gold/builders/customer_360.py and metrics.py); the builder's README table quotes these exactly, and a
  // test checks it does. A "sale" is a completed transaction: refunded and pending ones are not revenue.
  columns: z.object({
    customer_id: z.string().meta({ description: "CRM identifier of the customer." }),
    full_name: z.string().nullable().meta({
      description: "First and last name joined by a space; null when both are empty.",
      classification: "pii",
    }),
    email: z
      .string()
      .nullable()
      .meta({ description: "Primary email address.", classification: "pii", mask: "email" }),
    phone: z
      .string()
      .nullable()
      .meta({ description: "Phone number, digits only.", classification: "pii", mask: "phone" }),
    country: z
      .string()
      .nullable()
      .meta({ description: "Country of the customer's address (not pii: kept in every environment)." }),
    status: z.string().nullable().meta({ description: "Account status in the CRM." }),
    total_transactions: count("Sales (completed transactions) on or before the snapshot date."),
    lifetime_value: money(
      "Sum of the amounts of the sales on or before the snapshot date, as delivered (no currency conversion).",
    ),
    avg_transaction_amount: col.decimal(18, 2).nullable().meta({
      description:
        "Mean amount of the sales on or before the snapshot date, rounded half up to cents; null without sales.",
    }),
    first_transaction_date: z.iso
      .date()
      .nullable()
      .meta({ description: "Day of the first sale; null without sales." }),
    last_transaction_date: z.iso
      .date()
      .nullable()
      .meta({ description: "Day of the latest sale on or before the snapshot date; null without sales." }),
    unique_categories_purchased: z
      .int32()
      .meta({ description: "Distinct product categories of the sales (null categories not counted)." }),
    categories_list: z
      .array(z.string())
      .nullable()
      .meta({ description: "Distinct product categories of the sales, sorted; empty without sales." }),
    transactions_last_30_days: z.int32().meta({
      description: "Sales in the 30 calendar days ending on the snapshot date, both ends included.",
    }),
    revenue_last_30_days: money(
      "Sum of the sales amounts in the 30 calendar days ending on the snapshot date, both ends included.",
    ),
    total_tickets: count("Support tickets created on or before the snapshot date."),
    open_tickets: count(
      "Tickets created on or before the snapshot date whose latest status is open or pending (not resolved yet).",
    ),
    avg_resolution_time_hours: z.number().nullable().meta({
      description: "Mean resolution_time_hours of those tickets that have one; null when none has.",
    }),
    last_ticket_date: z.iso
      .date()
      .nullable()
      .meta({ description: "Day the latest ticket was created; null without tickets." }),
    avg_satisfaction_score: z.number().nullable().meta({
      description: "Mean satisfaction score (0-100) of the rated tickets; null when none is rated.",
    }),
    total_web_visits: count(
      "Web events of the customer on or before the snapshot date (anonymous events are not counted).",
    ),
    unique_sessions: count("Distinct browser sessions among those web events."),
    total_time_spent_seconds: count(
      "Seconds spent on the website over those web events (missing durations count 0).",
    ),
    last_visit_date: z.iso
      .date()
      .nullable()
      .meta({ description: "Day of the latest web event; null without web events." }),
    visited_categories: z.array(z.string()).nullable().meta({
      description: "Distinct page categories of those web events, sorted; empty without web events.",
    }),
    customer_lifetime_months: z
      .number()
      .nullable()
      .meta({
        description:
          "Months of 30.4375 days from the customer's start (the earlier of account creation and the first sale) to the " +
          "snapshot date, never negative; null when neither is known.",
      }),
    average_monthly_revenue: col
      .decimal(18, 2)
      .nullable()
      .meta({
        description:
          "lifetime_value per month of lifetime, dividing by at least one month (30.4375 days); null when the lifetime " +
          "start is unknown.",
      }),
    days_since_last_transaction: z
      .int32()
      .nullable()
      .meta({ description: "Whole days from the latest sale to the snapshot date; null without sales." }),
    days_since_last_visit: z.int32().nullable().meta({
      description: "Whole days from the latest web event to the snapshot date; null without web events.",
    }),
    customer_segment: z.enum(["VIP", "High Value", "Medium Value", "Low Value"]).meta({
      description:
        "Value segment from lifetime_value: VIP above 10,000, High Value above 5,000, Medium Value above " +
        "1,000, else Low Value.",
    }),
    churn_risk_score: z
      .number()
      .nullable()
      .meta({
        description:
          "0.4 x days since the last sale + 0.3 x days since the last visit (each capped at 100, 100 when never) + " +
          "0.3 x (100 - mean satisfaction clamped to 0..100, 50 when unrated); from 0 to 100.",
      }),
    churn_risk_category: z.enum(["High Risk", "Medium Risk", "Low Risk"]).meta({
      description: "High Risk when churn_risk_score is above 70, Medium Risk above 40, else Low Risk.",
    }),
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
