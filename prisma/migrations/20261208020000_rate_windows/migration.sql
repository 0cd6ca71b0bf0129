-- Rate limits and quotas that hold across every API process (apps/server, packages/tasks/src/
-- rateWindows.ts): one fixed window per limit and key (a session or a client address), counted in
-- Postgres. take_rate() checks and counts a session's and its address's windows in one statement:
-- both or neither, and the row locks of its upserts make concurrent takes on one key queue.

-- CreateTable
CREATE TABLE "rate_window" (
    "key" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "rate_window_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "rate_window_expires_at_idx" ON "rate_window"("expires_at");

-- Counts `amount` against every key's window (ending `window_ms` after its first take), when each
-- key's `used + amount` stays within its max; otherwise counts nothing and returns the seconds
-- until the latest of the refusing windows ends (at least 1). Returns 0 when counted.
CREATE FUNCTION take_rate(keys TEXT[], maxes BIGINT[], amount BIGINT, window_ms INTEGER) RETURNS INTEGER
LANGUAGE plpgsql AS $$
DECLARE
  used_now BIGINT;
  ends_at TIMESTAMPTZ;
  wait INTEGER := 0;
BEGIN
  FOR i IN 1 .. coalesce(array_length(keys, 1), 0) LOOP
    -- Creates the window, or starts a new one when it has ended; either way the row stays locked
    -- until this statement's transaction ends.
    INSERT INTO rate_window AS r (key, expires_at, used)
    VALUES (keys[i], now() + make_interval(secs => window_ms / 1000.0), 0)
    ON CONFLICT (key) DO UPDATE SET
      used = CASE WHEN r.expires_at <= now() THEN 0 ELSE r.used END,
      expires_at = CASE WHEN r.expires_at <= now() THEN EXCLUDED.expires_at ELSE r.expires_at END
    RETURNING r.used, r.expires_at INTO used_now, ends_at;
    IF used_now + amount > maxes[i] THEN
      wait := greatest(wait, 1, ceil(extract(epoch FROM ends_at - now()))::INTEGER);
    END IF;
  END LOOP;
  IF wait = 0 THEN
    UPDATE rate_window SET used = used + amount WHERE key = ANY (keys);
  END IF;
  RETURN wait;
END
$$;
