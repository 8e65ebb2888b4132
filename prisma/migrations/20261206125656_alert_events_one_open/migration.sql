-- Hand-written: Prisma's schema language cannot express a partial unique index, so this one lives
-- only in migrations (test/schema-migrations.integration.test.ts lists it as such).
-- At most one unresolved alert event per rule and group: alert passes may overlap (several
-- workers, an operator's run beside the scheduled one), and the pass whose insert wins is the one
-- that sends the trigger (lib/alerts/evaluate-alerts.ts). Duplicates a race left before this
-- index are closed first, keeping each group's newest open event.
UPDATE "alert_events" e SET "resolved_at" = e."last_at"
WHERE e."resolved_at" IS NULL AND EXISTS (
  SELECT 1 FROM "alert_events" n
  WHERE n."rule_id" = e."rule_id" AND n."group_key" = e."group_key" AND n."resolved_at" IS NULL
    AND (n."first_at", n."id") > (e."first_at", e."id"));

CREATE UNIQUE INDEX "alert_events_one_open_idx" ON "alert_events" ("rule_id", "group_key") WHERE "resolved_at" IS NULL;
