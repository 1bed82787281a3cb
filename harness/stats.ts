// Counters of the worker's run that the benchmark and the report read (saved after each file).
export const runStats = {
  propertyCases: 0,
  propertyMs: 0,
  /** Requests the rate-limit burst sent, and the budget (Remaining + 1) it set out to spend. */
  burstSent: 0,
  burstBudget: 0,
};
