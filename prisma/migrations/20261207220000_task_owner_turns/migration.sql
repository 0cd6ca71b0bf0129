-- Fair turns between owners (packages/tasks/src/fairShare.ts) count an owner's queued and running
-- tasks of a kind at every enqueue: this index answers that from a few index entries, however many
-- finished tasks the owner has.

-- CreateIndex
CREATE INDEX "task_owner_id_kind_state_idx" ON "task"("owner_id", "kind", "state");
